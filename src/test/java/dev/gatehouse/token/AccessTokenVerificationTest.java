package dev.gatehouse.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.keys.KeyRing;
import dev.gatehouse.support.TestIssuer;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a forged or stale token can look must get 401 invalid_token; the control gets 200. */
@QuarkusTest
class AccessTokenVerificationTest {

    @Inject
    KeyRing ring;

    private TestUser user;

    @BeforeEach
    void registerUser() {
        user = TestUsers.register();
    }

    @Test
    void tokenBuiltByTheTestLikeOursIsAccepted() {
        // the control: proves the forgeries below fail for the reason each one names
        me(sign(claims(), ring.active().kid(), "at+jwt", ring.active().privateKey()))
                .statusCode(200);
    }

    @Test
    void issuedTokenHasTheContractsHeaderAndClaims() throws Exception {
        String token = user.login().accessToken();
        Map<?, ?> header = json(token.split("\\.")[0]);
        Map<?, ?> payload = json(token.split("\\.")[1]);
        assertEquals("at+jwt", header.get("typ"));
        assertEquals("RS256", header.get("alg"));
        assertEquals(ring.active().kid(), header.get("kid"));
        assertEquals(user.id(), payload.get("sub"));
        assertEquals(TestIssuer.issuer(), payload.get("iss"));
        assertEquals("gatehouse", payload.get("client_id"));
        assertEquals(user.email(), payload.get("email"));
        assertEquals(List.of("user"), payload.get("groups"));
        assertEquals(300L, ((Number) payload.get("exp")).longValue() - ((Number) payload.get("iat")).longValue());
        for (String claim : List.of("aud", "jti", "scope")) {
            assertEquals(true, payload.containsKey(claim), claim);
        }
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey foreign = generator.generateKeyPair().getPrivate();
        refused(sign(claims(), ring.active().kid(), "at+jwt", foreign));
    }

    @Test
    void expiredTokenIsRefused() {
        Map<String, Object> claims = claims();
        long past = System.currentTimeMillis() / 1000 - 600;
        claims.put("iat", past);
        claims.put("exp", past + 300);
        refused(sign(claims, ring.active().kid(), "at+jwt", ring.active().privateKey()));
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\""
                + ring.active().kid() + "\"}");
        String payload = b64(new io.vertx.core.json.JsonObject(claims()).encode());
        refused(header + "." + payload + ".");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = user.login().accessToken().split("\\.");
        Map<String, Object> claims = claims();
        claims.put("groups", List.of("user", "admin"));
        String forged = parts[0] + "." + b64(new io.vertx.core.json.JsonObject(claims).encode()) + "." + parts[2];
        refused(forged);
    }

    @Test
    void hmacTokenKeyedWithOurPublicKeyIsRefused() {
        byte[] publicKey = ring.find(ring.active().kid(), java.time.Instant.now())
                .orElseThrow()
                .publicKey()
                .getEncoded();
        String token = Jwt.claims(claims())
                .jws()
                .keyId(ring.active().kid())
                .header("typ", "at+jwt")
                .algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(publicKey, "HmacSHA256"));
        refused(token);
    }

    @Test
    void tokenWithoutAtJwtTypeIsRefused() {
        refused(sign(claims(), ring.active().kid(), "JWT", ring.active().privateKey()));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        Map<String, Object> claims = claims();
        claims.put("aud", "https://some-other-service.example");
        refused(sign(claims, ring.active().kid(), "at+jwt", ring.active().privateKey()));
    }

    @Test
    void tokenWithoutAnAudienceIsRefused() {
        Map<String, Object> claims = claims();
        claims.remove("aud");
        refused(sign(claims, ring.active().kid(), "at+jwt", ring.active().privateKey()));
    }

    @Test
    void tokenWithoutTheAccountScopeIsInsufficientForTheAccount() {
        Map<String, Object> claims = claims();
        claims.put("scope", "profile email");
        me(sign(claims, ring.active().kid(), "at+jwt", ring.active().privateKey()))
                .statusCode(403)
                .body("error", org.hamcrest.Matchers.equalTo("insufficient_scope"));
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        Map<String, Object> claims = claims();
        claims.put("iss", "https://evil.example");
        refused(sign(claims, ring.active().kid(), "at+jwt", ring.active().privateKey()));
    }

    private Map<String, Object> claims() {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", TestIssuer.issuer());
        claims.put("aud", TestIssuer.issuer());
        claims.put("sub", user.id());
        claims.put("email", user.email());
        claims.put("client_id", "gatehouse");
        claims.put("scope", "profile email gatehouse:account");
        claims.put("groups", List.of("user"));
        claims.put("jti", TokenIds.newId(System.currentTimeMillis()).toString());
        claims.put("iat", now);
        claims.put("exp", now + 300);
        return claims;
    }

    private static String sign(Map<String, Object> claims, String kid, String typ, PrivateKey key) {
        return Jwt.claims(claims)
                .jws()
                .keyId(kid)
                .header("typ", typ)
                .algorithm(SignatureAlgorithm.RS256)
                .sign(key);
    }

    private static ValidatableResponse me(String token) {
        return given().auth().oauth2(token).get("/api/users/me").then();
    }

    private static void refused(String token) {
        me(token)
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("error", equalTo("invalid_token"));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<?, ?> json(String part) {
        return new io.vertx.core.json.JsonObject(
                        new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8))
                .getMap();
    }

    @Test
    void tokenIdsAreTimeOrdered() {
        long now = System.currentTimeMillis();
        UUID id = TokenIds.newId(now);
        assertEquals(7, id.version());
        assertEquals(now, TokenIds.issuedAtMillis(id.toString()));
        assertEquals(-1, TokenIds.issuedAtMillis(UUID.randomUUID().toString()));
    }
}
