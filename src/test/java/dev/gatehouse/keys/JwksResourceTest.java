package dev.gatehouse.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JwksResourceTest {

    @Test
    void jwksServesThePublicKeyThatVerifiesIssuedTokens() throws Exception {
        String token = TestUsers.register().login().accessToken();
        String jwks = given().get("/oauth2/jwks")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("keys.use", everyItem(equalTo("sig")))
                .body("keys.alg", hasItem("RS256"))
                .body("keys[0]", not(hasKey("d")))
                .body("keys[0]", not(hasKey("p")))
                .extract()
                .asString();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(new VerificationJwkSelector()
                .select(jws, new JsonWebKeySet(jwks).getJsonWebKeys())
                .getKey());
        assertTrue(jws.verifySignature(), "the JWKS key verifies the token offline");
    }
}
