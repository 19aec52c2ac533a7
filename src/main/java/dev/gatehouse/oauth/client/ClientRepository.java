package dev.gatehouse.oauth.client;

import static dev.gatehouse.sql.Columns.bytes;
import static dev.gatehouse.sql.Columns.instant;
import static dev.gatehouse.sql.Columns.utc;

import dev.gatehouse.sql.Rows;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Every query of {@code oauth_client}. The one read of the token endpoint ({@link #read}, behind
 * {@link ClientCache}) is on the plain reactive SQL client: a token request after a start or a
 * cache expiry then needs no Hibernate session (the first token after a start came sooner without
 * one; bench/README.md). Registration and the admin API, rare, use Hibernate Reactive Panache in
 * {@link ClientService}'s transactions; the clients file's reconciliation is SQL on the connection
 * of its own transaction (a batch of rows under an advisory lock).
 */
@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<OAuthClient, String> {

    /** The columns a client declares (all but its id, times and owner). */
    private static final String SETTINGS =
            "client_name, secret_hash, redirect_uris, grant_types, token_endpoint_auth_method, "
                    + "scope, resources, access_token_ttl, refresh_token_ttl, post_logout_redirect_uris, dpop_bound_access_tokens";

    private static final String BY_ID = "SELECT client_id, " + SETTINGS + ", created_at, updated_at, managed_by "
            + "FROM oauth_client WHERE client_id = $1";
    private static final String DECLARED_OR_TAKEN = "SELECT client_id, " + SETTINGS
            + ", created_at, updated_at, managed_by" + " FROM oauth_client WHERE managed_by = '"
            + OAuthClient.MANAGED_BY_FILE + "' OR client_id = ANY($1)";
    private static final String INSERT_DECLARED = "INSERT INTO oauth_client (client_id, " + SETTINGS
            + ", created_at, updated_at, managed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, '"
            + OAuthClient.MANAGED_BY_FILE + "')";
    private static final String UPDATE_DECLARED = "UPDATE oauth_client SET (" + SETTINGS + ", updated_at) = "
            + "($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) WHERE client_id = $1 AND managed_by = '"
            + OAuthClient.MANAGED_BY_FILE + "'";
    private static final String DELETE_DECLARED =
            "DELETE FROM oauth_client WHERE client_id = $1 AND managed_by = '" + OAuthClient.MANAGED_BY_FILE + "'";

    private final Pool pool;

    public ClientRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The client with this id, read without a Hibernate session (a detached copy), or null. A
     * reserved id is never a client, even if a row holds it (registered before the id was
     * reserved): its tokens would pass for first-party ones.
     */
    public Uni<OAuthClient> read(String clientId) {
        if (ClientMetadataRules.isReserved(clientId)) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery(BY_ID)
                .execute(Tuple.of(clientId))
                .map(rows -> Rows.first(rows, ClientRepository::fromRow));
    }

    /** The clients the file owns and those holding one of {@code ids}, by id, on the transaction's connection. */
    public Uni<Map<String, OAuthClient>> declaredOrTaken(SqlConnection conn, String[] ids) {
        return conn.preparedQuery(DECLARED_OR_TAKEN).execute(Tuple.of(ids)).map(rows -> {
            Map<String, OAuthClient> clients = new HashMap<>();
            rows.forEach(row -> clients.put(row.getString("client_id"), fromRow(row)));
            return clients;
        });
    }

    /** Stores a client of the clients file. */
    public Uni<Void> insertDeclared(SqlConnection conn, OAuthClient client, Instant now) {
        return conn.preparedQuery(INSERT_DECLARED)
                .execute(settings(client, now))
                .replaceWithVoid();
    }

    /** Changes a client of the clients file (never one of the admin API). */
    public Uni<Void> updateDeclared(SqlConnection conn, OAuthClient client, Instant now) {
        return conn.preparedQuery(UPDATE_DECLARED)
                .execute(settings(client, now))
                .replaceWithVoid();
    }

    /** Deletes a client of the clients file (never one of the admin API). */
    public Uni<Void> deleteDeclared(SqlConnection conn, String clientId) {
        return conn.preparedQuery(DELETE_DECLARED).execute(Tuple.of(clientId)).replaceWithVoid();
    }

    /** $1 the id, $2..$11 the {@link #SETTINGS}, $12 the time. */
    private static Tuple settings(OAuthClient client, Instant now) {
        Tuple values = Tuple.tuple().addValue(client.clientId).addValue(client.clientName);
        if (client.secretHash == null) {
            values.addValue(null);
        } else {
            values.addBuffer(Buffer.buffer(client.secretHash));
        }
        return values.addValue(client.redirectUris)
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

    private static OAuthClient fromRow(Row row) {
        OAuthClient client = new OAuthClient();
        client.clientId = row.getString("client_id");
        client.clientName = row.getString("client_name");
        client.secretHash = bytes(row, "secret_hash");
        client.redirectUris = row.getString("redirect_uris");
        client.postLogoutRedirectUris = row.getString("post_logout_redirect_uris");
        client.grantTypes = row.getString("grant_types");
        client.tokenEndpointAuthMethod = row.getString("token_endpoint_auth_method");
        client.scope = row.getString("scope");
        client.resources = row.getString("resources");
        client.accessTokenTtl = row.getInteger("access_token_ttl");
        client.refreshTokenTtl = row.getInteger("refresh_token_ttl");
        client.dpopBoundAccessTokens = row.getBoolean("dpop_bound_access_tokens");
        client.createdAt = instant(row, "created_at");
        client.updatedAt = instant(row, "updated_at");
        client.managedBy = row.getString("managed_by");
        return client;
    }
}
