package dev.gatehouse.oauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatehouse.oauth.client.ClientRepository;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.support.TestClients;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token endpoint reads clients without Hibernate ({@code read}): every column must come back as Hibernate reads it. */
@QuarkusTest
class ClientRepositoryTest {

    @Inject
    ClientRepository repository;

    @Test
    void readsEveryColumnOfAConfidentialClientAsHibernateDoes() throws Throwable {
        Map<String, Object> metadata =
                TestClients.metadata("read write", "client_secret_post", "authorization_code", "refresh_token");
        metadata.put("redirect_uris", List.of("https://a.example/cb", "https://b.example/cb"));
        metadata.put("access_token_ttl", 120);
        metadata.put("refresh_token_ttl", 3600);
        String id = TestClients.register(metadata).id();

        OAuthClient plain = VertxContextSupport.subscribeAndAwait(() -> repository.read(id));
        OAuthClient mapped =
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findById(id)));

        assertNotNull(plain.secretHash);
        assertSame(mapped, plain);
        assertEquals(120, plain.accessTokenTtl);
        assertEquals(List.of("https://a.example/cb", "https://b.example/cb"), plain.redirectUriList());
    }

    @Test
    void readsAPublicClientWithoutSecretOrLifetimes() throws Throwable {
        String id = TestClients.publicClient("read", "authorization_code").id();

        OAuthClient plain = VertxContextSupport.subscribeAndAwait(() -> repository.read(id));
        OAuthClient mapped =
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findById(id)));

        assertNull(plain.secretHash);
        assertNull(plain.accessTokenTtl);
        assertSame(mapped, plain);
    }

    @Test
    void unknownClientIsNull() throws Throwable {
        assertNull(VertxContextSupport.subscribeAndAwait(() -> repository.read("no-such-client")));
    }

    private static void assertSame(OAuthClient expected, OAuthClient actual) {
        assertEquals(expected.clientId, actual.clientId);
        assertEquals(expected.clientName, actual.clientName);
        assertArrayEquals(expected.secretHash, actual.secretHash);
        assertEquals(expected.redirectUris, actual.redirectUris);
        assertEquals(expected.grantTypes, actual.grantTypes);
        assertEquals(expected.tokenEndpointAuthMethod, actual.tokenEndpointAuthMethod);
        assertEquals(expected.scope, actual.scope);
        assertEquals(expected.accessTokenTtl, actual.accessTokenTtl);
        assertEquals(expected.refreshTokenTtl, actual.refreshTokenTtl);
        assertEquals(expected.createdAt, actual.createdAt);
        assertEquals(expected.updatedAt, actual.updatedAt);
    }
}
