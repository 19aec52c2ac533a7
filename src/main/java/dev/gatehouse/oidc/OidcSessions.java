package dev.gatehouse.oidc;

import dev.gatehouse.refresh.BrowserSessionFamilies;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What OpenID Connect needs to know about a refresh family started by a code flow. In Redis, {@code
 * gh:oidc-fam:{familyId}}: the user, {@code auth_time} and browser {@code sid}, so an ID token on
 * refresh keeps them (OIDC Core §12.2), for as long as the family may live; a family without its
 * entry (Redis lost it) refreshes without an ID token, which §12.2 allows. Which families a browser
 * session started, which its logout revokes (RP-Initiated Logout 1.0 §2), is kept in PostgreSQL
 * ({@link BrowserSessionFamilies}), since Redis can lose it; earlier versions kept it in {@code
 * gh:oidc-sess:{sid}}, which is still read until those sessions' 8 h are over.
 */
@ApplicationScoped
public class OidcSessions {

    static final String FAMILY_PREFIX = "gh:oidc-fam:";
    static final String SESSION_PREFIX = "gh:oidc-sess:";

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveKeyCommands<String> keys;
    private final BrowserSessionFamilies browserFamilies;

    public OidcSessions(ReactiveRedisDataSource redis, BrowserSessionFamilies browserFamilies) {
        this.browserFamilies = browserFamilies;
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
        return family.chain(
                () -> browserFamilies.tie(UUID.fromString(auth.userId()), UUID.fromString(familyId), auth.sid()));
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

    /** The user's families that the browser sessions {@code sids} started, to revoke. */
    public Uni<Set<UUID>> familiesOf(UUID userId, Set<String> sids) {
        return browserFamilies
                .of(userId, sids)
                .chain(families -> Multi.createFrom()
                        .iterable(sids)
                        .onItem()
                        .transformToUniAndConcatenate(this::takeRecordedInRedis)
                        .collect()
                        .in(() -> new LinkedHashSet<>(families), Set::addAll));
    }

    /** Families an earlier version tied to the session in Redis (forgotten: they are being revoked). */
    private Uni<Set<UUID>> takeRecordedInRedis(String sid) {
        String session = SESSION_PREFIX + sid;
        return sets.smembers(session).call(() -> keys.del(session)).map(families -> {
            Set<UUID> ids = new LinkedHashSet<>();
            families.forEach(family -> ids.add(UUID.fromString(family)));
            return ids;
        });
    }
}
