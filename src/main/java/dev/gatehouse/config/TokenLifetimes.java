package dev.gatehouse.config;

import java.time.Duration;

/** Bounds on token lifetimes that other parts rely on (key retirement, denylist marks). */
public final class TokenLifetimes {

    /** No access token lives longer, whatever a client is registered with. */
    public static final Duration MAX_ACCESS_TTL = Duration.ofHours(1);

    private TokenLifetimes() {}

    /** The longest an access token issued now can stay valid, given the configured default. */
    public static Duration longestAccessTtl(Duration configured) {
        return configured.compareTo(MAX_ACCESS_TTL) > 0 ? configured : MAX_ACCESS_TTL;
    }
}
