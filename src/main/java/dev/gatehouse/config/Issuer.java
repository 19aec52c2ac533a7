package dev.gatehouse.config;

import jakarta.enterprise.context.ApplicationScoped;

/** The issuer identifier and the audience of access tokens, resolved once from configuration. */
@ApplicationScoped
public class Issuer {

    static final String DEV_ISSUER = "http://localhost:8080";

    private final String issuer;
    private final String audience;

    public Issuer(GatehouseConfig config) {
        this.issuer = stripTrailingSlash(config.issuer().orElse(DEV_ISSUER));
        this.audience = config.token().audience().orElse(issuer);
    }

    /** The {@code iss} of every token we sign; RFC 8414 §2 forbids a trailing slash difference, so none is kept. */
    public String issuer() {
        return issuer;
    }

    /** The {@code aud} of access tokens; our own endpoints refuse tokens without it. */
    public String audience() {
        return audience;
    }

    private static String stripTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
