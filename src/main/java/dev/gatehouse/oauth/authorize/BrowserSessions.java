package dev.gatehouse.oauth.authorize;

import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * The browser sessions of the authorization endpoint, in Redis ({@code gh:sess:{sha256(id)}}), so a
 * second authorization request in the same browser needs no new login on any replica. The id
 * lives only in an HttpOnly cookie; Redis holds its hash and the user id.
 */
@ApplicationScoped
public class BrowserSessions {

    public static final String COOKIE = "gh_session";
    public static final Duration TTL = Duration.ofHours(8);

    private final ReactiveValueCommands<String, String> values;

    public BrowserSessions(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    /** Starts a session for the user; answers the id to put in the cookie. */
    public Uni<String> start(String userId) {
        String id = OpaqueTokens.newToken();
        return values.set(key(id), userId, new SetArgs().ex(TTL)).replaceWith(id);
    }

    /** The user of the session, or null when there is none (no cookie, expired, ended). */
    public Uni<String> userOf(String id) {
        return id == null || id.length() > 100 ? Uni.createFrom().nullItem() : values.get(key(id));
    }

    private static String key(String id) {
        return "gh:sess:" + OpaqueTokens.sha256Hex(id);
    }
}
