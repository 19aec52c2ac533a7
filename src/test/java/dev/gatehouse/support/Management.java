package dev.gatehouse.support;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;

/**
 * Requests to Quarkus's management interface ({@code quarkus.management.test-port} in tests),
 * where every {@code /q/*} path lives: health, metrics, OpenAPI.
 */
public final class Management {

    private Management() {}

    public static RequestSpecification given() {
        URI uri = URI.create(TestHTTPResourceManager.getManagementUri());
        return RestAssured.given()
                .baseUri(uri.getScheme() + "://" + uri.getHost())
                .port(uri.getPort());
    }
}
