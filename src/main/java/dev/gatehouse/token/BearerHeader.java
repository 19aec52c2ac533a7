package dev.gatehouse.token;

import dev.gatehouse.error.ApiException;

/** Reads the token of an {@code Authorization: Bearer} header (RFC 6750 §2.1). */
public final class BearerHeader {

    private static final String SCHEME = "Bearer ";

    private BearerHeader() {}

    /** The token of the header, or a 401 without an error code when there is none (RFC 6750 §3.1). */
    public static String token(String authorization) {
        if (authorization == null
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || authorization.length() == SCHEME.length()) {
            throw ApiException.tokenRequired();
        }
        return authorization.substring(SCHEME.length()).trim();
    }
}
