package dev.gatehouse.oauth.client.declared;

import jakarta.enterprise.context.ApplicationScoped;

/** The process environment, where {@code client_secret_env} names a secret (a bean, so tests can stand in for it). */
@ApplicationScoped
public class Environment {

    /** The variable's value, or null when it is not set. */
    public String get(String name) {
        return System.getenv(name);
    }
}
