package dev.gatehouse.keys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.TestUsers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every start loads the keys without Hibernate: the rows must come back as Hibernate reads them. */
@QuarkusTest
class SigningKeyRepositoryTest {

    @Inject
    SigningKeyRepository repository;

    @Test
    void readsTheCurrentKeysAsHibernateDoesIncludingARetiredOneThatStillVerifies() throws Throwable {
        given().auth()
                .oauth2(TestUsers.admin().accessToken())
                .post("/api/admin/keys/rotate")
                .then()
                .statusCode(200);
        Instant now = Instant.now();

        List<SigningKey> plain = sorted(VertxContextSupport.subscribeAndAwait(() -> repository.current(now)));
        List<SigningKey> mapped = sorted(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                repository.list("status in (?1, ?2) or verifyUntil > ?3", SigningKey.ACTIVE, SigningKey.NEXT, now))));

        assertTrue(plain.stream().anyMatch(key -> SigningKey.RETIRED.equals(key.status)), "the key retired just now");
        assertEquals(mapped.size(), plain.size());
        for (int i = 0; i < plain.size(); i++) {
            assertSame(mapped.get(i), plain.get(i));
        }
    }

    @Test
    void readsTheNextKeyByStatus() throws Throwable {
        SigningKey next = VertxContextSupport.subscribeAndAwait(() -> repository.withStatus(SigningKey.NEXT));

        assertNotNull(next);
        assertEquals(SigningKey.NEXT, next.status);
        assertEquals(null, next.activatedAt);
    }

    private static List<SigningKey> sorted(List<SigningKey> keys) {
        return keys.stream().sorted(Comparator.comparing(key -> key.kid)).toList();
    }

    private static void assertSame(SigningKey expected, SigningKey actual) {
        assertEquals(expected.kid, actual.kid);
        assertEquals(expected.alg, actual.alg);
        assertEquals(expected.status, actual.status);
        assertArrayEquals(expected.publicKey, actual.publicKey);
        assertArrayEquals(expected.privateKey, actual.privateKey);
        assertEquals(expected.masterKeyId, actual.masterKeyId);
        assertEquals(expected.createdAt, actual.createdAt);
        assertEquals(expected.activatedAt, actual.activatedAt);
        assertEquals(expected.retiredAt, actual.retiredAt);
        assertEquals(expected.verifyUntil, actual.verifyUntil);
    }
}
