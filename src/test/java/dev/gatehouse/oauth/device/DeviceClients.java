package dev.gatehouse.oauth.device;

import static io.restassured.RestAssured.given;

import dev.gatehouse.support.TestClients.TestClient;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** A client's side of RFC 8628: the device authorization request and the polling token request. */
final class DeviceClients {

    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private DeviceClients() {}

    static Response authorize(TestClient client, Map<String, String> form) {
        return authenticated(client, given().contentType(ContentType.URLENC).formParams(form))
                .post("/oauth2/device_authorization");
    }

    static Response poll(TestClient client, String deviceCode) {
        return client.token(Map.of("grant_type", GRANT, "device_code", deviceCode));
    }

    private static RequestSpecification authenticated(TestClient client, RequestSpecification request) {
        return client.secret() == null
                ? request.formParam("client_id", client.id())
                : request.auth().preemptive().basic(client.id(), client.secret());
    }
}
