package dev.gatehouse.oidc;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.crypto.ConstantTime;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import jakarta.enterprise.context.ApplicationScoped;
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
    public record Intent(String redirectUri, String state, String csrf) {}

    /** What the confirmation page needs. */
    public record Started(String id, String csrf) {}

    /** Stored as JSON by the Redis client's codec. */
    private final ReactiveValueCommands<String, Intent> values;

    private final Duration ttl;

    public PendingLogouts(ReactiveRedisDataSource redis, GatehouseConfig config) {
        this.values = redis.value(Intent.class);
        this.ttl = config.oidc().logoutConfirmTtl();
    }

    public Duration ttl() {
        return ttl;
    }

    public Uni<Started> start(String redirectUri, String state) {
        String id = OpaqueTokens.newToken();
        String csrf = OpaqueTokens.newToken();
        return values.set(key(id), new Intent(redirectUri, state, csrf), new SetArgs().ex(ttl))
                .replaceWith(new Started(id, csrf));
    }

    /** Takes the pending logout when the cookie, the form's id and its CSRF token all agree; else null. */
    public Uni<Intent> take(String cookieId, String formId, String csrf) {
        if (cookieId == null || formId == null || csrf == null || !equal(cookieId, formId)) {
            return Uni.createFrom().nullItem();
        }
        return values.get(key(formId))
                .onFailure(DecodeException.class)
                .transform(e -> ApiException.unavailable())
                .chain(intent -> intent != null && equal(intent.csrf(), csrf)
                        ? values.getdel(key(formId)).replaceWith(intent)
                        : Uni.createFrom().nullItem());
    }

    private static boolean equal(String a, String b) {
        return ConstantTime.equals(a, b);
    }

    private static String key(String id) {
        return "gh:logout:" + OpaqueTokens.sha256Hex(id);
    }
}
