package dev.gatehouse.oauth.client.declared;

import dev.gatehouse.oauth.client.ClientRepository;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.refresh.RefreshTokenRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes {@code oauth_client} hold what the clients file declares, in one transaction: creates
 * the clients it adds, updates the ones it changes, deletes the ones it drops (revoking their
 * refresh tokens, as the admin API's delete does). It only ever writes rows it owns
 * ({@code managed_by = 'file'}); a declared id held by a client of the admin API refuses the whole
 * file. Replicas reconciling at once take turns on a transaction-scoped advisory lock. This class
 * holds the transaction; the client rows' statements are {@link ClientRepository}'s, the refresh
 * tokens' {@link RefreshTokenRepository}'s.
 */
@ApplicationScoped
class DeclaredClientStore {

    /** What one reconciliation changed, by client id. */
    record Changes(List<String> created, List<String> updated, List<String> deleted) {
        boolean none() {
            return created.isEmpty() && updated.isEmpty() && deleted.isEmpty();
        }
    }

    /** The advisory lock of reconciliations ("gh-clients" as a number; any constant no other code takes). */
    static final long LOCK_KEY = 0x67682d636c69656eL;

    private static final String LOCK = "SELECT pg_advisory_xact_lock($1)";

    private final Pool pool;
    private final ClientRepository clients;
    private final RefreshTokenRepository refreshTokens;

    DeclaredClientStore(Pool pool, ClientRepository clients, RefreshTokenRepository refreshTokens) {
        this.pool = pool;
        this.clients = clients;
        this.refreshTokens = refreshTokens;
    }

    /** Applies the declared clients; fails with {@link ClientsFileException} (and changes nothing) on a taken id. */
    Uni<Changes> apply(List<OAuthClient> declared) {
        String[] ids = declared.stream().map(client -> client.clientId).toArray(String[]::new);
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK)
                .execute(Tuple.of(LOCK_KEY))
                .chain(() -> clients.declaredOrTaken(conn, ids))
                .chain(current -> reconcile(conn, declared, current)));
    }

    private Uni<Changes> reconcile(SqlConnection conn, List<OAuthClient> declared, Map<String, OAuthClient> current) {
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Instant now = Instant.now();
        Uni<Void> work = Uni.createFrom().voidItem();
        for (OAuthClient client : declared) {
            OAuthClient stored = current.remove(client.clientId);
            if (stored != null && stored.managedBy == null) {
                return Uni.createFrom()
                        .failure(ClientsFileException.of(
                                client.clientId, "client_id is taken by a client registered through the admin API"));
            }
            if (stored == null) {
                changes.created().add(client.clientId);
                work = work.chain(() -> clients.insertDeclared(conn, client, now));
            } else if (!same(client, stored)) {
                changes.updated().add(client.clientId);
                work = work.chain(() -> clients.updateDeclared(conn, client, now));
            }
        }
        for (String dropped : current.keySet()) {
            changes.deleted().add(dropped);
            work = work.chain(() -> clients.deleteDeclared(conn, dropped))
                    .chain(() -> refreshTokens.revokeClient(conn, dropped, now));
        }
        return work.replaceWith(changes);
    }

    private static boolean same(OAuthClient client, OAuthClient stored) {
        return Objects.equals(client.clientName, stored.clientName)
                && Arrays.equals(client.secretHash, stored.secretHash)
                && Objects.equals(client.redirectUris, stored.redirectUris)
                && Objects.equals(client.grantTypes, stored.grantTypes)
                && Objects.equals(client.tokenEndpointAuthMethod, stored.tokenEndpointAuthMethod)
                && Objects.equals(client.scope, stored.scope)
                && Objects.equals(client.resources, stored.resources)
                && Objects.equals(client.accessTokenTtl, stored.accessTokenTtl)
                && Objects.equals(client.refreshTokenTtl, stored.refreshTokenTtl)
                && Objects.equals(client.postLogoutRedirectUris, stored.postLogoutRedirectUris)
                && client.dpopBoundAccessTokens == stored.dpopBoundAccessTokens;
    }
}
