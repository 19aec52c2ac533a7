package dev.gatehouse.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserAdminResourceTest {

    @Test
    void adminGrantsARoleThatTheNextTokenCarries() {
        TestUser user = TestUsers.register();
        String before = user.login().accessToken();
        setRoles(TestUsers.admin().accessToken(), user.id(), List.of("admin", "user"))
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("admin", "user")));

        // tokens issued before the change carried the old roles: refused at once
        given().auth().oauth2(before).get("/api/users/me").then().statusCode(401);
        given().auth()
                .oauth2(user.login().accessToken())
                .get("/api/users")
                .then()
                .statusCode(200);
    }

    @Test
    void rolesChangeNeedsAdmin() {
        TestUser user = TestUsers.register();
        setRoles(user.login().accessToken(), user.id(), List.of("admin"))
                .then()
                .statusCode(403)
                .body("error", equalTo("insufficient_scope"));
    }

    @Test
    void unknownUserIsNotFoundAndBadRolesAreInvalidRequest() {
        String admin = TestUsers.admin().accessToken();
        setRoles(admin, "00000000-0000-0000-0000-000000000000", List.of("user"))
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
        setRoles(admin, "not-a-uuid", List.of("user")).then().statusCode(404);
        setRoles(admin, TestUsers.register().id(), List.of("Admin Root"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put("/api/admin/users/" + TestUsers.register().id() + "/roles")
                .then()
                .statusCode(400);
    }

    @Test
    void adminCannotRemoveTheirOwnAdminRole() {
        TestUser second = TestUsers.register();
        setRoles(TestUsers.admin().accessToken(), second.id(), List.of("admin", "user"))
                .then()
                .statusCode(200);
        setRoles(second.login().accessToken(), second.id(), List.of("user"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    private static io.restassured.response.Response setRoles(String token, String userId, List<String> roles) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("roles", roles))
                .put("/api/admin/users/" + userId + "/roles");
    }
}
