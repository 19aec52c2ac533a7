package dev.gatehouse.oauth.authorize;

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
 * Authorization requests waiting for the user to log in ({@code gh:authz:{sha256(id)}}), each with
 * its own CSRF token. The id travels in a SameSite=Strict cookie and in the form, the CSRF token
 * only in the form: a login form posted from another site carries neither pair.
 */
@ApplicationScoped
public class PendingLogins {

    public static final String COOKIE = "gh_authz";
    static final Duration TTL = Duration.ofMinutes(10);

    /** A stored request and its CSRF token. */
    @RegisterForReflection
    public record Pending(AuthorizationRequest request, String csrf) {}

    /** What the login page needs: the pending id and the CSRF token. */
    public record Started(String id, String csrf) {}

    /** Stored as JSON by the Redis client's codec. */
    private final ReactiveValueCommands<String, Pending> values;

    public PendingLogins(ReactiveRedisDataSource redis) {
        this.values = redis.value(Pending.class);
    }

    public Uni<Started> start(AuthorizationRequest request) {
        String id = OpaqueTokens.newToken();
        String csrf = OpaqueTokens.newToken();
        return values.set(key(id), new Pending(request, csrf), new SetArgs().ex(TTL))
                .replaceWith(new Started(id, csrf));
    }

    /** The pending request when the cookie, the form's id and its CSRF token all agree; else null. */
    public Uni<Pending> find(String cookieId, String formId, String csrf) {
        if (cookieId == null || formId == null || csrf == null || !equal(cookieId, formId)) {
            return Uni.createFrom().nullItem();
        }
        return values.get(key(formId))
                .onFailure(DecodeException.class)
                .transform(e -> ApiException.unavailable())
                .map(pending -> pending != null && equal(pending.csrf(), csrf) ? pending : null);
    }

    public Uni<Void> finish(String id) {
        return values.getdel(key(id)).replaceWithVoid();
    }

    private static boolean equal(String a, String b) {
        return ConstantTime.equals(a, b);
    }

    private static String key(String id) {
        return "gh:authz:" + OpaqueTokens.sha256Hex(id);
    }
}
