package dev.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.gatehouse.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx in the contract's shape, and nothing internal leaks. */
@QuarkusTest
class BadInputTest {

    @Test
    void malformedJsonIsInvalidRequestWithoutInternals() {
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"a@b.c\", \"password\": ")
                .post("/auth/login")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("jackson")));
    }

    @Test
    void wrongFieldTypeIsInvalidRequest() {
        given().contentType(ContentType.JSON)
                .body("{\"email\": [1,2], \"password\": {}}")
                .post("/auth/login")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        given().contentType(ContentType.TEXT)
                .body("email=a@b.c")
                .post("/auth/login")
                .then()
                .statusCode(415)
                .body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void oversizedBodyIsPayloadTooLarge() {
        String huge = "x".repeat(70 * 1024);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", huge, "password", huge))
                .post("/auth/register")
                .then()
                .statusCode(413)
                .body("error", equalTo("payload_too_large"));
    }

    @Test
    void absurdlyLongFieldsAreInvalidRequest() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "a".repeat(5000) + "@example.com", "password", "x"))
                .post("/auth/login")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void emptyBodyIsInvalidRequest() {
        given().contentType(ContentType.JSON)
                .post("/auth/register")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void unknownPathIsNotFoundInContractShape() {
        given().get("/auth/nothing-here").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void wrongMethodIsRefusedInContractShape() {
        given().get("/auth/login").then().statusCode(405).body("error", equalTo("invalid_request"));
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndRequestId() {
        for (var response : new io.restassured.response.Response[] {
            given().get("/oauth2/jwks"),
            given().get("/api/users/me"),
            given().contentType(ContentType.JSON).body("{").post("/auth/login")
        }) {
            response.then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        }
    }

    @Test
    void errorsCarryNoStore() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", TestUsers.uniqueEmail(), "password", "nope-nope-nope-nope"))
                .post("/auth/login")
                .then()
                .statusCode(401)
                .header("Cache-Control", "no-store");
    }
}
