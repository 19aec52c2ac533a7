package dev.gatehouse.config;

import java.util.Optional;

/**
 * The password policy as configuration checks see it: why a password would be refused, if it
 * would. The user feature implements it; the start-up checks refuse a bootstrap admin password
 * that no user could choose.
 */
public interface PasswordRule {

    /** The reason {@code password} is refused for the account {@code email}, or empty. */
    Optional<String> refusal(String password, String email);
}
