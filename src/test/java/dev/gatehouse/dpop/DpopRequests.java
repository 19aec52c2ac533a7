package dev.gatehouse.dpop;

import static io.restassured.RestAssured.given;

import dev.gatehouse.support.TestClients.TestClient;
import dev.gatehouse.support.TestUsers.TestUser;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/** Token and resource requests with DPoP proofs, over plain HTTP. */
final class DpopRequests {

    static final String TOKEN = "/oauth2/token";
    static final String ME = "/api/users/me";
    static final String USERINFO = "/oauth2/userinfo";
    static final String SCOPE = "openid gatehouse:account";

    private DpopRequests() {}

    /** A token request of {@code client} with these proofs (none, one, or several DPoP headers). */
    static Response token(TestClient client, Map<String, String> form, String... proofs) {
        RequestSpecification request = given().contentType(ContentType.URLENC).formParams(form);
        for (String proof : proofs) {
            request.header("DPoP", proof);
        }
        if (client.secret() != null) {
            request.auth().preemptive().basic(client.id(), client.secret());
        } else {
            request.formParam("client_id", client.id());
        }
        return request.post(TOKEN);
    }

    /** The password grant's form for this user (the quickest way to a user's token in a test). */
    static Map<String, String> password(TestUser user) {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "password");
        form.put("username", user.email());
        form.put("password", user.password());
        form.put("scope", SCOPE);
        return form;
    }

    /** A token response bound to {@code key}, for the user, through the password grant. */
    static io.restassured.path.json.JsonPath boundTokens(TestClient client, TestUser user, DpopKey key) {
        return token(client, password(user), key.proof("POST", TOKEN))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A GET of a protected resource with {@code Authorization: DPoP} and these proofs. */
    static Response get(String path, String token, String... proofs) {
        RequestSpecification request = given().header("Authorization", "DPoP " + token);
        for (String proof : proofs) {
            request.header("DPoP", proof);
        }
        return request.get(path);
    }
}
