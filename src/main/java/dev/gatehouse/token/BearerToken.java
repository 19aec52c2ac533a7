package dev.gatehouse.token;

import jakarta.enterprise.util.Nonbinding;
import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource (class or method) that needs a valid, unrevoked access token whose {@code aud}
 * is ours; {@link #role()} adds a role the caller must hold. Enforced by {@link BearerAuthFilter}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BearerToken {

    /** A role the caller must have (in the {@code groups} claim), or empty for any user. */
    @Nonbinding
    String role() default "";
}
