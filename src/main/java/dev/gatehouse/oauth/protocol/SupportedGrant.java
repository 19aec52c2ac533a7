package dev.gatehouse.oauth.protocol;

/**
 * A grant type the token endpoint serves (RFC 6749 §4, §6 and extensions). Every grant handler is
 * one, so client registration and discovery list exactly what is implemented.
 */
public interface SupportedGrant {

    /** The {@code grant_type} value. */
    String grantType();
}
