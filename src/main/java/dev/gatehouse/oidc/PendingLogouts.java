package dev.gatehouse.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Logouts waiting for the user to confirm ({@code gh:logout:{sha256(id)}}), each with its own CSRF
 * token. The id travels in a SameSite=Strict cookie and in the form, the CSRF token only in the
 * form: a confirmation posted from another site carries neither pair, and changes nothing.
 */
@ApplicationScoped
public class PendingLogouts {

    public static final String COOKIE = "gh_logout";

    /** What the logout will do once confirmed: where to send the browser back (both null: nowhere). */
    @RegisterForReflection
    public record Intent(String redirectUri, String state, String csrf) {
    }

    /** What the confirmation page needs. */
    public record Started(String id, String csrf) {
    }

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final Duration ttl;

    public PendingLogouts(ReactiveRedisDataSource redis, ObjectMapper json, GatehouseConfig config) {
        this.values = redis.value(String.class);
        this.json = json;
        this.ttl = config.oidc().logoutConfirmTtl();
    }

    public Duration ttl() {
        return ttl;
    }

    public Uni<Started> start(String redirectUri, String state) {
        String id = OpaqueTokens.newToken();
        String csrf = OpaqueTokens.newToken();
        return values.set(key(id), write(new Intent(redirectUri, state, csrf)), new SetArgs().ex(ttl))
                .replaceWith(new Started(id, csrf));
    }

    /** Takes the pending logout when the cookie, the form's id and its CSRF token all agree; else null. */
    public Uni<Intent> take(String cookieId, String formId, String csrf) {
        if (cookieId == null || formId == null || csrf == null || !equal(cookieId, formId)) {
            return Uni.createFrom().nullItem();
        }
        return values.get(key(formId)).chain(stored -> {
            Intent intent = stored == null ? null : read(stored);
            return intent != null && equal(intent.csrf(), csrf)
                    ? values.getdel(key(formId)).replaceWith(intent) : Uni.createFrom().nullItem();
        });
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String key(String id) {
        return "gh:logout:" + OpaqueTokens.sha256Hex(id);
    }

    private String write(Intent intent) {
        try {
            return json.writeValueAsString(intent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize a pending logout", e);
        }
    }

    private Intent read(String stored) {
        try {
            return json.readValue(stored, Intent.class);
        } catch (JsonProcessingException e) {
            throw ApiException.unavailable();
        }
    }
}
