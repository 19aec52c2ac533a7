package dev.gatehouse.ratelimit;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.http.ControlCharacters;
import dev.gatehouse.user.BadCredentials;
import dev.gatehouse.user.UserAccount;
import dev.gatehouse.user.UserService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Password checks under the login limits: failures per client IP and per account (from all IPs).
 * Each attempt holds a slot in both windows before the password is checked, atomically, so
 * parallel attempts cannot overrun a limit: a wrong password turns its slot into a failure, any
 * other outcome gives it back. Only failures refuse a login; while the slots are held by attempts
 * still in flight, a login waits for them (bounded) instead of being refused. An account
 * under attack is slowed (a delay that grows with its failures) and then blocked until its window
 * ends: a temporary block that an attacker cannot extend beyond the window (NIST SP 800-63B §5.2.2).
 */
@ApplicationScoped
public class LoginGuard {

    /** How long a login waits at most for attempts in flight to finish before it is refused. */
    static final Duration MAX_WAIT = GatehouseConfig.RateLimit.Login.MAX_WAIT_FOR_ATTEMPTS;
    /** How long it waits between two looks (plus up to as much again, so waiters spread out). */
    private static final Duration BUSY_WAIT = Duration.ofMillis(25);

    private static final Duration MAX_BUSY_WAIT = Duration.ofMillis(400);

    /** Failures of an account before its failed logins are slowed down. */
    static final int FREE_FAILURES = 3;

    private static final Duration BASE_DELAY = Duration.ofMillis(250);

    private final UserService users;
    private final RateLimiter limiter;
    private final Limits limits;
    private final RateLimitState state;
    private final Vertx vertx;
    private final Duration maxDelay;
    private final AuditLog audit;

    public LoginGuard(
            UserService users,
            RateLimiter limiter,
            Limits limits,
            RateLimitState state,
            Vertx vertx,
            GatehouseConfig config,
            AuditLog audit) {
        this.audit = audit;
        this.users = users;
        this.limiter = limiter;
        this.limits = limits;
        this.state = state;
        this.vertx = vertx;
        this.maxDelay = config.rateLimit().login().maxDelay();
    }

    /**
     * The account, or 401 {@code invalid_credentials}, or 429 {@code rate_limited} without checking
     * the password; every outcome is audited for the client the login is for.
     */
    public Uni<UserAccount> authenticate(String ip, String email, String password, String clientId) {
        // Contract, Conventions: refused, never stripped (every login form comes through here)
        if (ControlCharacters.present(email) || ControlCharacters.present(password)) {
            return Uni.createFrom()
                    .failure(ApiException.invalidRequest("The email and the password " + ControlCharacters.REFUSAL));
        }
        Limit byIp = limits.loginByIp(ip);
        Limit byAccount = limits.loginByAccount(email);
        List<Limit> both = List.of(byIp, byAccount);
        String attempt = UUID.randomUUID().toString();
        return reserve(attempt, both, System.nanoTime() + MAX_WAIT.toNanos(), BUSY_WAIT.toMillis())
                .chain(decision -> {
                    state.record(decision);
                    if (!decision.allowed()) {
                        return refuse(decision, email, clientId);
                    }
                    return users.authenticate(email, password)
                            .call(user -> limiter.remove(attempt, both)
                                    .invoke(() -> state.replace(decision.statuses().stream()
                                            .map(LimitStatus::plusOne)
                                            .toList())))
                            .invoke(user -> audit.record(
                                    AuditEventType.LOGIN_SUCCEEDED,
                                    Outcome.SUCCESS,
                                    user.id.toString(),
                                    clientId,
                                    null))
                            .onFailure(BadCredentials.class)
                            .invoke(e -> audit.record(
                                    AuditEventType.LOGIN_FAILED,
                                    Outcome.FAILURE,
                                    ((BadCredentials) e).userId(),
                                    clientId,
                                    ((BadCredentials) e).reason()))
                            // the attempt in flight is now a failure
                            .onFailure(BadCredentials.class)
                            .call(() -> limiter.commit(attempt, both))
                            .onFailure(LoginGuard::isBadCredentials)
                            .call(() -> slowDown(statusOf(decision, byAccount)))
                            // not a wrong password (503: hashing queue full, a store fault): the slot goes back
                            .onFailure(failure -> !(failure instanceof BadCredentials))
                            .call(() -> limiter.remove(attempt, both));
                });
    }

    /**
     * Holds a slot for the attempt. When the limits are full only of attempts still in flight (no
     * limit is exhausted by failures), it waits for them to finish and asks again, until
     * {@code deadline}: parallel correct logins are never refused for failures that did not happen.
     * The wait doubles at each look (to {@link #MAX_BUSY_WAIT}), so a crowd of waiting logins asks
     * Redis a few dozen times each at most, not every few milliseconds.
     */
    private Uni<Decision> reserve(String attempt, List<Limit> limits, long deadline, long waitMillis) {
        return limiter.reserve(attempt, limits).chain(decision -> {
            boolean busyOnly =
                    !decision.allowed() && decision.statuses().stream().noneMatch(LimitStatus::exhausted);
            if (!busyOnly || System.nanoTime() > deadline) {
                return Uni.createFrom().item(decision);
            }
            long millis = waitMillis + ThreadLocalRandom.current().nextLong(waitMillis);
            return pause(millis)
                    .chain(() ->
                            reserve(attempt, limits, deadline, Math.min(waitMillis * 2, MAX_BUSY_WAIT.toMillis())));
        });
    }

    /**
     * A refused attempt: an exhausted account limit is a temporary block of that account (audited
     * with its id); an exhausted IP limit is a rate limit of the client.
     */
    private Uni<UserAccount> refuse(Decision decision, String email, String clientId) {
        boolean accountBlocked = decision.statuses().stream()
                .anyMatch(status -> status.limit().name().equals(Limits.LOGIN_ACCOUNT) && status.exhausted());
        Log.infof("Login refused by rate limit (%s)", exhaustedNames(decision));
        Uni<String> userId =
                accountBlocked ? users.idOf(email) : Uni.createFrom().nullItem();
        return userId.invoke(id -> {
                    String detail = accountBlocked ? "blocked" : "rate_limited";
                    audit.record(AuditEventType.LOGIN_FAILED, Outcome.FAILURE, id, clientId, detail);
                    audit.record(AuditEventType.RATE_LIMITED, Outcome.FAILURE, id, clientId, exhaustedNames(decision));
                })
                .chain(() -> Uni.createFrom()
                        .failure(new ApiException(
                                ErrorCode.RATE_LIMITED,
                                "Too many failed logins; retry after the time in Retry-After")));
    }

    private static LimitStatus statusOf(Decision decision, Limit limit) {
        return decision.statuses().stream()
                .filter(status -> status.limit().equals(limit))
                .findFirst()
                .orElseThrow();
    }

    /** Whether the failure is a refused password (or unknown account). */
    public static boolean isBadCredentials(Throwable failure) {
        return failure instanceof ApiException api && api.code() == ErrorCode.INVALID_CREDENTIALS;
    }

    private Uni<Void> slowDown(LimitStatus account) {
        int failures = account.limit().max() - account.remaining();
        if (failures <= FREE_FAILURES) {
            return Uni.createFrom().voidItem();
        }
        long millis =
                Math.min(maxDelay.toMillis(), BASE_DELAY.toMillis() << Math.min(failures - FREE_FAILURES - 1, 10));
        if (millis <= 0) {
            return Uni.createFrom().voidItem();
        }
        return pause(millis);
    }

    /** Waits on a Vert.x timer; the login goes on in the context it was in. */
    private Uni<Void> pause(long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, timer -> emitter.complete(null)));
    }

    private static String exhaustedNames(Decision decision) {
        return String.join(
                ", ",
                decision.statuses().stream()
                        .filter(LimitStatus::exhausted)
                        .map(status -> status.limit().name())
                        .toList());
    }
}
