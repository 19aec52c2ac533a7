package dev.gatehouse.oauth.client;

import static dev.gatehouse.sql.Columns.bytes;
import static dev.gatehouse.sql.Columns.instant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Reads one client with the plain reactive SQL client, for {@link ClientCache}: a token request
 * after a start or a cache expiry then needs no Hibernate session (the first token after a start
 * came sooner without one; bench/README.md). The client returned is a detached copy; changes go
 * through {@link ClientService}.
 */
@ApplicationScoped
public class ClientReader {

    private static final String BY_ID = "SELECT client_id, client_name, secret_hash, redirect_uris, post_logout_redirect_uris, grant_types, "
            + "token_endpoint_auth_method, scope, resources, access_token_ttl, refresh_token_ttl, dpop_bound_access_tokens, created_at, updated_at "
            + "FROM oauth_client WHERE client_id = $1";

    private final Pool pool;

    public ClientReader(Pool pool) {
        this.pool = pool;
    }

    /**
     * The client with this id, or null. A reserved id is never a client, even if a row holds it
     * (registered before the id was reserved): its tokens would pass for first-party ones.
     */
    public Uni<OAuthClient> find(String clientId) {
        if (ClientMetadataRules.isReserved(clientId)) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery(BY_ID).execute(Tuple.of(clientId)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            return it.hasNext() ? fromRow(it.next()) : null;
        });
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
        return client;
    }

}
