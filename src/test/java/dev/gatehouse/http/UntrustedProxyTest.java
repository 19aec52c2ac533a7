package dev.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.gatehouse.support.PeerEcho;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forwarding is on but the peer is not a trusted proxy: its {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-For} are ignored, so a client cannot claim HTTPS or another address.
 */
@QuarkusTest
@TestProfile(UntrustedProxyTest.TrustAnotherProxy.class)
class UntrustedProxyTest {

    /** Trusts only an address the test client never connects from. */
    public static class TrustAnotherProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding",
                    "true",
                    "quarkus.http.proxy.trusted-proxies",
                    "192.0.2.10");
        }
    }

    @Test
    void forwardedHttpsFromUntrustedPeerIsIgnored() {
        given().header("X-Forwarded-Proto", "https")
                .get("/oauth2/jwks")
                .then()
                .statusCode(200)
                .header("Strict-Transport-Security", nullValue())
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void forwardedForFromUntrustedPeerDoesNotChangeTheClientAddress() {
        given().header("X-Forwarded-For", "203.0.113.7")
                .get(PeerEcho.PATH)
                .then()
                .statusCode(200)
                .body(not(equalTo("203.0.113.7")));
        given().header("Forwarded", "for=203.0.113.7;proto=https")
                .get(PeerEcho.PATH)
                .then()
                .statusCode(200)
                .body(not(equalTo("203.0.113.7")))
                .header("Strict-Transport-Security", nullValue());
    }
}
