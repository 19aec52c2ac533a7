package dev.gatehouse.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyRotationTest {

    @Test
    void rotationSignsWithTheNextKeyWhileTheOldOneKeepsVerifying() {
        String admin = TestUsers.admin().accessToken();
        String before = TestUsers.register().login().accessToken();
        String oldKid = kid(before);

        String newKid = given().auth()
                .oauth2(admin)
                .post("/api/admin/keys/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("kid");
        assertNotEquals(oldKid, newKid);

        String after = TestUsers.register().login().accessToken();
        assertEquals(newKid, kid(after));
        given().auth().oauth2(before).get("/api/users/me").then().statusCode(200);
        given().auth().oauth2(after).get("/api/users/me").then().statusCode(200);
        given().get("/oauth2/jwks").then().statusCode(200).body("keys.kid", hasItems(oldKid, newKid));
    }

    @Test
    void rotationNeedsAdmin() {
        given().auth()
                .oauth2(TestUsers.register().login().accessToken())
                .post("/api/admin/keys/rotate")
                .then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"));
    }

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return new io.vertx.core.json.JsonObject(header).getString("kid");
    }
}
