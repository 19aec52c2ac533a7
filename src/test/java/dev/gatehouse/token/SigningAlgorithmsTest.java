package dev.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.Issuer;
import dev.gatehouse.keys.KeyRing;
import dev.gatehouse.keys.KeyRings;
import dev.gatehouse.keys.SigningAlgorithm;
import dev.gatehouse.support.StubConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each selectable algorithm signs tokens that verify, and publishes a matching JWK. */
class SigningAlgorithmsTest {

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void tokensSignedWithEachAlgorithmVerify(SigningAlgorithm alg) {
        KeyRing ring = KeyRings.withFreshKey(alg);
        GatehouseConfig config = config();
        Issuer issuer = new Issuer(config);
        var token = new AccessTokenIssuer(ring, issuer, config)
                .issue(new AccessTokenIssuer.Grant(
                        "user-1",
                        "gatehouse",
                        Set.of("https://issuer.example"),
                        "profile",
                        Set.of("user"),
                        "a@example.com",
                        "family-1",
                        null));

        AccessTokenClaims claims = new AccessTokenVerifier(
                        ring, issuer, new VerifiedTokenCache(new SimpleMeterRegistry()))
                .verify(token.token());

        assertEquals("user-1", claims.subject());
        assertEquals(Set.of("user"), claims.roles());
        JsonObject header = new JsonObject(
                new String(java.util.Base64.getUrlDecoder().decode(token.token().split("\\.")[0])));
        assertEquals(alg.name(), header.getString("alg"));
        JsonObject jwk = new JsonObject(ring.jwks()).getJsonArray("keys").getJsonObject(0);
        assertEquals(alg.name(), jwk.getString("alg"));
        assertEquals(
                switch (alg) {
                    case RS256 -> "RSA";
                    case ES256 -> "EC";
                    case EdDSA -> "OKP";
                },
                jwk.getString("kty"));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void tokenSignedByAnotherKeyOfTheSameAlgorithmFails(SigningAlgorithm alg) {
        GatehouseConfig config = config();
        Issuer issuer = new Issuer(config);
        KeyRing signer = KeyRings.withFreshKey(alg);
        KeyRing other = KeyRings.withKid(alg, signer.active().kid());
        String token = new AccessTokenIssuer(signer, issuer, config)
                .issue(new AccessTokenIssuer.Grant(
                        "user-1",
                        "gatehouse",
                        Set.of("https://issuer.example"),
                        "profile",
                        Set.of("user"),
                        "a@example.com",
                        null,
                        null))
                .token();
        assertThrows(
                RuntimeException.class,
                () -> new AccessTokenVerifier(other, issuer, new VerifiedTokenCache(new SimpleMeterRegistry()))
                        .verify(token));
    }

    private static GatehouseConfig config() {
        return StubConfig.defaults().withIssuer("https://issuer.example");
    }
}
