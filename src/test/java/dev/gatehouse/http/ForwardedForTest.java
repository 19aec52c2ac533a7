package dev.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.support.PeerEcho;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind trusted proxies the client address is the rightmost {@code X-Forwarded-For} entry that is
 * not a trusted proxy (RFC 7239 §7.4: only the entries added by proxies one trusts can be
 * believed; the leftmost ones are whatever the client wrote).
 */
@QuarkusTest
@TestProfile(ForwardedForTest.TwoProxyHops.class)
class ForwardedForTest {

    /** The test client (loopback) is the ingress; 198.51.100.0/24 is a load balancer in front of it. */
    public static class TwoProxyHops implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding",
                    "true",
                    "quarkus.http.proxy.allow-x-forwarded",
                    "true",
                    "quarkus.http.proxy.trusted-proxies",
                    "127.0.0.1,198.51.100.0/24");
        }
    }

    @Test
    void oneProxyHopGivesTheAddressItSaw() {
        peer("203.0.113.7").then().statusCode(200).body(equalTo("203.0.113.7"));
    }

    @Test
    void aForgedLeftmostEntryIsIgnored() {
        peer("192.0.2.1, 203.0.113.7").then().statusCode(200).body(equalTo("203.0.113.7"));
        peer("not-an-address, 10.9.8.7, 203.0.113.7").then().statusCode(200).body(equalTo("203.0.113.7"));
    }

    @Test
    void twoProxyHopsSkipTheTrustedOne() {
        peer("192.0.2.1, 203.0.113.7, 198.51.100.5").then().statusCode(200).body(equalTo("203.0.113.7"));
    }

    @Test
    void entriesAcrossRepeatedHeadersCountInOrder() {
        given().header("X-Forwarded-For", "192.0.2.1")
                .header("X-Forwarded-For", "203.0.113.7, 198.51.100.5")
                .get(PeerEcho.PATH)
                .then()
                .statusCode(200)
                .body(equalTo("203.0.113.7"));
    }

    @Test
    void whenEveryEntryIsATrustedProxyTheLeftmostIsTheClient() {
        peer("198.51.100.9, 198.51.100.5").then().statusCode(200).body(equalTo("198.51.100.9"));
    }

    private static io.restassured.response.Response peer(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor).get(PeerEcho.PATH);
    }
}
