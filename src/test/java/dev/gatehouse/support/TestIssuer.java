package dev.gatehouse.support;

import org.eclipse.microprofile.config.ConfigProvider;

/** The issuer of the application under test, as configured (its port is the test port). */
public final class TestIssuer {

    private TestIssuer() {
    }

    public static String issuer() {
        return ConfigProvider.getConfig().getValue("gatehouse.issuer", String.class);
    }

    /** An absolute URL of the application under test. */
    public static String url(String path) {
        return issuer() + path;
    }
}
