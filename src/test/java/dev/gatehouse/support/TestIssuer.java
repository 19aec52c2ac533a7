package dev.gatehouse.support;

import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The issuer of the application under test: as configured for a {@code @QuarkusTest}; for a
 * packaged application ({@code *IT}), whose configuration the test JVM does not read, the URL
 * the tests talk to (the test profile's issuer is that URL).
 */
public final class TestIssuer {

    private TestIssuer() {}

    public static String issuer() {
        return ConfigProvider.getConfig()
                .getOptionalValue("gatehouse.issuer", String.class)
                .orElseGet(() -> "http://localhost:" + RestAssured.port);
    }

    /** An absolute URL of the application under test. */
    public static String url(String path) {
        return issuer() + path;
    }
}
