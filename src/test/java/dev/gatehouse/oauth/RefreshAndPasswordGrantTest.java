package dev.gatehouse.oauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gatehouse.support.TestClients;
import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RefreshAndPasswordGrantTest {

    @Test
    void passwordGrantIssuesUserTokensToAClientRegisteredForIt() {
        TestClient client = TestClients.confidential("read gatehouse:account", "password", "refresh_token");
        TestUser user = TestUsers.register();
        String access = passwordGrant(client, user)
                .then()
                .statusCode(200)
                .body("access_token", notNullValue())
                .body("refresh_token", notNullValue())
                .body("scope", equalTo("read gatehouse:account"))
                .extract()
                .path("access_token");
        given().auth()
                .oauth2(access)
                .get("/api/users/me")
                .then()
                .statusCode(200)
                .body("id", equalTo(user.id()));
    }

    @Test
    void passwordGrantIsOffForClientsNotRegisteredWithIt() {
        TestClient client = TestClients.confidential("read", "client_credentials");
        passwordGrant(client, TestUsers.register())
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void passwordGrantWithWrongPasswordIsInvalidGrant() {
        TestClient client = TestClients.confidential("read", "password");
        TestUser user = TestUsers.register();
        client.token(Map.of("grant_type", "password", "username", user.email(), "password", "wrong-wrong-wrong-1"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void refreshGrantRotatesAndReuseRevokesTheFamily() {
        TestClient client = TestClients.confidential("read", "password", "refresh_token");
        String first =
                passwordGrant(client, TestUsers.register()).then().extract().path("refresh_token");
        String second = refresh(client, first)
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("access_token", notNullValue())
                .extract()
                .path("refresh_token");
        assertNotEquals(first, second);

        refresh(client, first).then().statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(client, second).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refreshTokenIsBoundToItsClient() {
        TestClient owner = TestClients.confidential("read", "password", "refresh_token");
        TestClient thief = TestClients.confidential("read", "refresh_token");
        String token =
                passwordGrant(owner, TestUsers.register()).then().extract().path("refresh_token");

        refresh(thief, token).then().statusCode(400).body("error", equalTo("invalid_grant"));
        // the owner's token was not spent by the refused attempt
        refresh(owner, token).then().statusCode(200);
    }

    @Test
    void aSpentTokenPresentedByAnotherClientRevokesNothing() {
        TestClient owner = TestClients.confidential("read", "password", "refresh_token");
        TestClient thief = TestClients.confidential("read", "refresh_token");
        String spent =
                passwordGrant(owner, TestUsers.register()).then().extract().path("refresh_token");
        String current = refresh(owner, spent).then().statusCode(200).extract().path("refresh_token");

        // reuse by its own client would revoke the family (RFC 9700 §4.14.2); another client's cannot
        refresh(thief, spent).then().statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(owner, current).then().statusCode(200);
    }

    @Test
    void firstPartyRefreshTokenDoesNotWorkForAnOAuthClient() {
        TestClient client = TestClients.confidential("read", "refresh_token");
        String firstParty = TestUsers.register().login().refreshToken();
        refresh(client, firstParty).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refreshMayNarrowTheScopeButNotWidenIt() {
        TestClient client = TestClients.confidential("read write", "password", "refresh_token");
        String token =
                passwordGrant(client, TestUsers.register()).then().extract().path("refresh_token");

        client.token(Map.of("grant_type", "refresh_token", "refresh_token", token, "scope", "read admin"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
        // the refused request cost the client nothing
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", token, "scope", "read"))
                .then()
                .statusCode(200)
                .body("scope", equalTo("read"));
    }

    @Test
    void refreshWithoutTokenIsInvalidRequest() {
        TestClient client = TestClients.confidential("read", "refresh_token");
        client.token(Map.of("grant_type", "refresh_token"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    private static io.restassured.response.Response passwordGrant(TestClient client, TestUser user) {
        return client.token(Map.of("grant_type", "password", "username", user.email(), "password", user.password()));
    }

    private static io.restassured.response.Response refresh(TestClient client, String token) {
        return client.token(Map.of("grant_type", "refresh_token", "refresh_token", token));
    }
}
