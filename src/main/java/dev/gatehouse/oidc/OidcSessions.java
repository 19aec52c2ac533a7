package dev.gatehouse.oidc;

import dev.gatehouse.oauth.authorize.BrowserSessions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * What OpenID Connect needs to know about a refresh family started by a code flow, in Redis:
 * <ul>
 * <li>{@code gh:oidc-fam:{familyId}}: the user, {@code auth_time} and browser {@code sid}, so an ID
 * token on refresh keeps them (OIDC Core §12.2); lives as long as the family may;</li>
 * <li>{@code gh:oidc-sess:{sid}}: the families a browser session started, which its logout revokes
 * (RP-Initiated Logout 1.0 §2); lives as long as a browser session.</li>
 * </ul>
 * A family without its entry (Redis lost it) refreshes without an ID token, which OIDC Core §12.2 allows.
 */
@ApplicationScoped
public class OidcSessions {

    static final String FAMILY_PREFIX = "gh:oidc-fam:";
    static final String SESSION_PREFIX = "gh:oidc-sess:";

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveKeyCommands<String> keys;

    public OidcSessions(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
        this.sets = redis.set(String.class);
        this.keys = redis.key(String.class);
    }

    /** Remembers how the family's user logged in, and ties the family to its browser session. */
    public Uni<Void> remember(String familyId, Authentication auth, Duration familyLifetime) {
        Uni<Void> family = values.set(
                        FAMILY_PREFIX + familyId,
                        auth.userId() + " " + auth.authTime() + " " + auth.sid(),
                        new SetArgs().ex(familyLifetime))
                .replaceWithVoid();
        if (auth.sid() == null) {
            return family;
        }
        String session = SESSION_PREFIX + auth.sid();
        return family.chain(() -> sets.sadd(session, familyId))
                .chain(() -> keys.expire(session, BrowserSessions.TTL))
                .replaceWithVoid();
    }

    /** How the family's user logged in, or null when it is not known. */
    public Uni<Authentication> of(String familyId) {
        return values.get(FAMILY_PREFIX + familyId).map(value -> {
            if (value == null) {
                return null;
            }
            String[] parts = value.split(" ", 3);
            return new Authentication(parts[0], Long.parseLong(parts[1]), "null".equals(parts[2]) ? null : parts[2]);
        });
    }

    /** The families the browser session {@code sid} started; forgets them (they are being revoked). */
    public Uni<List<String>> takeFamilies(String sid) {
        String session = SESSION_PREFIX + sid;
        return sets.smembers(session).call(() -> keys.del(session)).map(List::copyOf);
    }
}
