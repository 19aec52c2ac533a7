package dev.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.gatehouse.support.PeerEcho;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Behind a trusted TLS-terminating proxy, {@code X-Forwarded-Proto: https} means HTTPS: HSTS is sent. */
@QuarkusTest
@TestProfile(ForwardedForTest.TwoProxyHops.class) // loopback is a trusted proxy; one application start for both
class ForwardedProtoTest {

    @Test
    void forwardedHttpsFromTrustedProxyGetsHsts() {
        given().header("X-Forwarded-Proto", "https")
                .get("/oauth2/jwks")
                .then()
                .statusCode(200)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void forwardedHttpGetsNoHsts() {
        given().header("X-Forwarded-Proto", "http")
                .get("/oauth2/jwks")
                .then()
                .statusCode(200)
                .header("Strict-Transport-Security", nullValue());
        given().get("/oauth2/jwks").then().statusCode(200).header("Strict-Transport-Security", nullValue());
    }

    /** Shows the observable used by UntrustedProxyTest works: a trusted proxy's X-Forwarded-For is applied. */
    @Test
    void forwardedForFromTrustedProxyBecomesTheClientAddress() {
        given().header("X-Forwarded-For", "203.0.113.7")
                .get(PeerEcho.PATH)
                .then()
                .statusCode(200)
                .body(equalTo("203.0.113.7"));
    }
}
