package dev.gatehouse.oauth.client.declared;

import static dev.gatehouse.sql.Columns.bytes;
import static dev.gatehouse.sql.Columns.utc;

import dev.gatehouse.oauth.client.OAuthClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes {@code oauth_client} hold what the clients file declares, in one transaction: creates
 * the clients it adds, updates the ones it changes, deletes the ones it drops (revoking their
 * refresh tokens, as the admin API's delete does). It only ever writes rows it owns
 * ({@code managed_by = 'file'}); a declared id held by a client of the admin API refuses the whole
 * file. Replicas reconciling at once take turns on a transaction-scoped advisory lock.
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

    private static final String COLUMNS = "client_name, secret_hash, redirect_uris, grant_types, token_endpoint_auth_method, "
            + "scope, resources, access_token_ttl, refresh_token_ttl, post_logout_redirect_uris, dpop_bound_access_tokens";
    private static final String LOCK = "SELECT pg_advisory_xact_lock($1)";
    private static final String CURRENT = "SELECT client_id, managed_by, " + COLUMNS
            + " FROM oauth_client WHERE managed_by = 'file' OR client_id = ANY($1)";
    private static final String INSERT = "INSERT INTO oauth_client (client_id, " + COLUMNS
            + ", created_at, updated_at, managed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, 'file')";
    private static final String UPDATE = "UPDATE oauth_client SET (" + COLUMNS + ", updated_at) = "
            + "($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) WHERE client_id = $1 AND managed_by = 'file'";
    private static final String DELETE = "DELETE FROM oauth_client WHERE client_id = $1 AND managed_by = 'file'";
    private static final String REVOKE_TOKENS = "UPDATE refresh_token SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL";

    private final Pool pool;

    DeclaredClientStore(Pool pool) {
        this.pool = pool;
    }

    /** Applies the declared clients; fails with {@link ClientsFileException} (and changes nothing) on a taken id. */
    Uni<Changes> apply(List<OAuthClient> declared) {
        String[] ids = declared.stream().map(client -> client.clientId).toArray(String[]::new);
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(LOCK_KEY))
                .chain(() -> conn.preparedQuery(CURRENT).execute(Tuple.of(ids)))
                .chain(rows -> {
                    Map<String, Row> current = new HashMap<>();
                    rows.forEach(row -> current.put(row.getString("client_id"), row));
                    return reconcile(conn, declared, current);
                }));
    }

    private static Uni<Changes> reconcile(SqlConnection conn, List<OAuthClient> declared, Map<String, Row> current) {
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Instant now = Instant.now();
        Uni<Void> work = Uni.createFrom().voidItem();
        for (OAuthClient client : declared) {
            Row row = current.remove(client.clientId);
            if (row != null && row.getString("managed_by") == null) {
                return Uni.createFrom().failure(ClientsFileException.of(client.clientId,
                        "client_id is taken by a client registered through the admin API"));
            }
            if (row == null) {
                changes.created().add(client.clientId);
                work = work.chain(() -> conn.preparedQuery(INSERT).execute(values(client, now)).replaceWithVoid());
            } else if (!same(client, row)) {
                changes.updated().add(client.clientId);
                work = work.chain(() -> conn.preparedQuery(UPDATE).execute(values(client, now)).replaceWithVoid());
            }
        }
        for (String dropped : current.keySet()) {
            changes.deleted().add(dropped);
            work = work.chain(() -> conn.preparedQuery(DELETE).execute(Tuple.of(dropped)))
                    .chain(() -> conn.preparedQuery(REVOKE_TOKENS).execute(Tuple.of(dropped, utc(now)))).replaceWithVoid();
        }
        return work.replaceWith(changes);
    }

    private static Tuple values(OAuthClient client, Instant now) {
        Tuple values = Tuple.tuple().addValue(client.clientId).addValue(client.clientName);
        if (client.secretHash == null) {
            values.addValue(null);
        } else {
            values.addBuffer(Buffer.buffer(client.secretHash));
        }
        return values
                .addValue(client.redirectUris)
                .addValue(client.grantTypes)
                .addValue(client.tokenEndpointAuthMethod)
                .addValue(client.scope)
                .addValue(client.resources)
                .addValue(client.accessTokenTtl)
                .addValue(client.refreshTokenTtl)
                .addValue(client.postLogoutRedirectUris)
                .addValue(client.dpopBoundAccessTokens)
                .addValue(utc(now));
    }

    private static boolean same(OAuthClient client, Row row) {
        return Objects.equals(client.clientName, row.getString("client_name"))
                && Arrays.equals(client.secretHash, bytes(row, "secret_hash"))
                && Objects.equals(client.redirectUris, row.getString("redirect_uris"))
                && Objects.equals(client.grantTypes, row.getString("grant_types"))
                && Objects.equals(client.tokenEndpointAuthMethod, row.getString("token_endpoint_auth_method"))
                && Objects.equals(client.scope, row.getString("scope"))
                && Objects.equals(client.resources, row.getString("resources"))
                && Objects.equals(client.accessTokenTtl, row.getInteger("access_token_ttl"))
                && Objects.equals(client.refreshTokenTtl, row.getInteger("refresh_token_ttl"))
                && Objects.equals(client.postLogoutRedirectUris, row.getString("post_logout_redirect_uris"))
                && client.dpopBoundAccessTokens == row.getBoolean("dpop_bound_access_tokens");
    }
}
