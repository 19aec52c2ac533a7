package dev.gatehouse.support;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;
import io.restassured.config.RestAssuredConfig;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests of per-address limits (with 127.0.0.1 a trusted proxy): set-up calls through
 * RestAssured (registering users and clients) come from a random address of their own, so they
 * do not use up the limits under test; a request naming its own {@code X-Forwarded-For} keeps it.
 */
public class FromAnotherAddress implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FromAnotherAddress.class);

    /** The test profile settings this needs: loopback (the test client) is a trusted proxy. */
    public static Map<String, String> trustLoopbackProxy() {
        return Map.of(
                "quarkus.http.proxy.proxy-address-forwarding",
                "true",
                "quarkus.http.proxy.allow-x-forwarded",
                "true",
                "quarkus.http.proxy.trusted-proxies",
                "127.0.0.1");
    }

    /** An address from 10.0.0.0/8 that no other test is likely to use. */
    public static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RestAssuredConfig previous = RestAssured.config;
        context.getStore(NAMESPACE).put("config", previous);
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("X-Forwarded-For", randomIp())
                .build();
        RestAssured.config =
                previous.headerConfig(HeaderConfig.headerConfig().overwriteHeadersWithName("X-Forwarded-For"));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RestAssured.requestSpecification = null;
        RestAssured.config = context.getStore(NAMESPACE).get("config", RestAssuredConfig.class);
    }
}
