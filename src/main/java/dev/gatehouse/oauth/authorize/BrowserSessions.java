package dev.gatehouse.oauth.authorize;

import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The browser sessions of the authorization endpoint, in Redis ({@code gh:sess:{sha256(id)}} holds
 * the user id and when the session began), so a second authorization request in the same browser
 * needs no new login on any replica. The id lives only in an HttpOnly cookie. A session ends when
 * it expires, or when the user's sessions end (logout, logout-all, a password or role change):
 * the denylist's browser mark for the user is then later than the session's start; and when Redis
 * may have lost such a mark (a failover: the denylist's epoch is then later).
 */
@ApplicationScoped
public class BrowserSessions {

    public static final String COOKIE = "gh_session";
    static final String COOKIE_PATH = "/oauth2";
    public static final Duration TTL = TokenDenylist.LONGEST_BROWSER_SESSION;

    private final ReactiveValueCommands<String, String> values;
    private final TokenDenylist denylist;

    public BrowserSessions(ReactiveRedisDataSource redis, TokenDenylist denylist) {
        this.values = redis.value(String.class);
        this.denylist = denylist;
    }

    /** A session just started: the id to put in the cookie, and the session. */
    public record Started(String id, Session session) {}

    /** Starts a session for the user; answers the id to put in the cookie. */
    public Uni<String> start(String userId) {
        return begin(userId).map(Started::id);
    }

    /** Starts a session for the user; answers its id and what it is. */
    public Uni<Started> begin(String userId) {
        String id = OpaqueTokens.newToken();
        long now = System.currentTimeMillis();
        return values.set(key(id), userId + " " + now, new SetArgs().ex(TTL))
                .replaceWith(new Started(id, new Session(userId, now, sid(id))));
    }

    /**
     * A live session: its user, when the user logged in (OIDC Core §2 {@code auth_time}), and its
     * public id ({@code sid}, derived from the secret id, which it does not reveal).
     */
    public record Session(String userId, long authTimeMillis, String sid) {}

    /** The user of the session, or null when there is none (no cookie, expired, ended). */
    public Uni<String> userOf(String id) {
        return find(id).map(session -> session == null ? null : session.userId());
    }

    /** The session, or null when there is none (no cookie, expired, ended). */
    public Uni<Session> find(String id) {
        if (id == null || id.length() > 100) {
            return Uni.createFrom().nullItem();
        }
        return values.get(key(id)).chain(value -> {
            if (value == null) {
                return Uni.createFrom().nullItem();
            }
            String[] parts = value.split(" ", 2);
            long began = parts.length == 2 ? Long.parseLong(parts[1]) : 0;
            return denylist.browserSessionsEndedAt(parts[0])
                    .map(ended -> began < ended ? null : new Session(parts[0], began, sid(id)));
        });
    }

    /** Forgets the session (a logout in this browser). */
    public Uni<Void> end(String id) {
        return id == null || id.length() > 100
                ? Uni.createFrom().voidItem()
                : values.getdel(key(id)).replaceWithVoid();
    }

    /** The public id of a session: stable for its life, and no way back to the cookie's value. */
    static String sid(String id) {
        return OpaqueTokens.sha256Hex("sid:" + id).substring(0, 32);
    }

    /** The cookie that carries a session id to the authorization endpoint only. */
    public static NewCookie cookie(String sessionId) {
        return new NewCookie.Builder(COOKIE)
                .value(sessionId)
                .path(COOKIE_PATH)
                .maxAge((int) TTL.toSeconds())
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }

    /** The same cookie, expired: a browser that logs out forgets its session. */
    public static NewCookie clearedCookie() {
        return new NewCookie.Builder(COOKIE)
                .value("")
                .path(COOKIE_PATH)
                .maxAge(0)
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }

    private static String key(String id) {
        return "gh:sess:" + OpaqueTokens.sha256Hex(id);
    }
}
