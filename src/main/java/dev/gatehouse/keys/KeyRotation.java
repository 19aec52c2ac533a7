package dev.gatehouse.keys;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.config.GatehouseConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Rotation: the published next key becomes active, the active key retires (it verifies until
 * its last token expires), and a new next key is published. Runs on a schedule and on demand;
 * replicas racing to rotate are settled by conditional updates, so exactly one rotation happens.
 */
@ApplicationScoped
public class KeyRotation {

    /** A next key must have been in the JWKS this long before it signs, so caches have it. */
    static final Duration PUBLISH_AHEAD = SigningKeys.JWKS_CACHE_MARGIN;

    /** Rolls back a rotation another replica has already made. */
    private static final class AlreadyRotated extends RuntimeException {
        AlreadyRotated() {
            super("another replica rotated first", null, false, false);
        }
    }

    private final SigningKeys keys;
    private final KeyRing ring;
    private final Duration interval;
    private final AuditLog audit;

    private final SigningKeyRepository repository;

    public KeyRotation(
            SigningKeys keys, KeyRing ring, GatehouseConfig config, AuditLog audit, SigningKeyRepository repository) {
        this.audit = audit;
        this.repository = repository;
        this.keys = keys;
        this.ring = ring;
        this.interval = config.keys().rotationInterval();
    }

    /**
     * Each replica: learn of other replicas' changes (and replace an active key it cannot open, which
     * only dev and test allow), keep a next key published, rotate when due.
     */
    @Scheduled(
            every = "${gatehouse.keys.check-interval:60s}",
            delayed = "${gatehouse.keys.check-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return keys.ensureActiveKey()
                .chain(keys::ensureNextKey)
                .chain(() -> repository.current(Instant.now()))
                .chain(rows -> {
                    Instant now = Instant.now();
                    SigningKey active = rows.stream()
                            .filter(k -> SigningKey.ACTIVE.equals(k.status))
                            .findFirst()
                            .orElse(null);
                    SigningKey next = rows.stream()
                            .filter(k -> SigningKey.NEXT.equals(k.status))
                            .findFirst()
                            .orElse(null);
                    boolean due = active != null
                            && next != null
                            && active.activatedAt != null
                            && active.activatedAt.plus(interval).isBefore(now)
                            && next.createdAt.plus(PUBLISH_AHEAD).isBefore(now);
                    return due
                            ? promote(next.kid).replaceWithVoid()
                            : Uni.createFrom().voidItem();
                })
                .onFailure()
                .invoke(e -> Log.errorf("Signing key check failed: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Rotates now (admin request): the next key signs from now on. Answers the new active kid. */
    public Uni<String> rotateNow() {
        return keys.ensureNextKey()
                .chain(() -> repository.withStatus(SigningKey.NEXT))
                .chain(next -> promote(next.kid))
                .replaceWith(() -> ring.active().kid());
    }

    private Uni<Void> promote(String nextKid) {
        Instant now = Instant.now();
        String previous = ring.hasActiveKey() ? ring.active().kid() : null;
        return Panache.withTransaction(() -> keys.retireActive(now)
                        .chain(() -> repository.activateNext(nextKid, now))
                        .invoke(promoted -> {
                            if (promoted == 0) {
                                throw new AlreadyRotated();
                            }
                        }))
                .invoke(() -> {
                    Log.infof("Rotated signing keys: %s is now active", nextKid);
                    audit.record(AuditEventType.KEY_ROTATED, Outcome.SUCCESS, null, null, "active key " + nextKid);
                    audit.record(AuditEventType.KEY_RETIRED, Outcome.SUCCESS, null, null, "retired key " + previous);
                })
                .onFailure(AlreadyRotated.class)
                .recoverWithNull()
                .chain(keys::reload)
                .chain(keys::ensureNextKey);
    }
}
