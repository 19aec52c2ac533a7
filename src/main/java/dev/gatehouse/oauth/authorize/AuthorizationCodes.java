package dev.gatehouse.oauth.authorize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Authorization codes in Redis ({@code gh:code:{sha256}}): single-use, taken atomically, living
 * at most 60 s (RFC 6749 §4.1.2). Taking a code leaves a mark ({@code gh:code-spent:{sha256}}) that
 * later records what the exchange issued, so a second use can revoke it (RFC 6749 §4.1.2, RFC 9700 §4.5).
 * A failover can lose both steps, so the exchange refuses a code issued before the denylist's epoch.
 */
@ApplicationScoped
public class AuthorizationCodes {

    static final Duration CODE_TTL = Duration.ofSeconds(60);
    /** How long a spent code is remembered, to catch a replay and revoke what it issued. */
    static final Duration SPENT_TTL = Duration.ofHours(1);

    static final String PENDING = "pending";
    static final String REUSED = "reused";

    /** Takes the code and marks it spent, in one atomic step; answers the grant and its time left (ms). */
    private static final String TAKE = """
            local left = redis.call('PTTL', KEYS[1])
            local grant = redis.call('GETDEL', KEYS[1])
            if not grant then return nil end
            redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2])
            return {grant, tostring(left)}""";
    /** Puts a taken code back while its exchange has issued nothing (the spent mark still says pending). */
    private static final String RESTORE = """
            if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[2])
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1""";

    /**
     * What a code was issued for, and the browser that signed in (its IP and User-Agent, which the
     * session the exchange starts shows; null in codes issued before they were recorded). For
     * OpenID Connect: the request's {@code nonce}, when the user logged in ({@code authTime}, epoch
     * seconds) and the browser session's public id ({@code sid}); null in older codes. For DPoP:
     * the thumbprint of the key the code is bound to (RFC 9449 §10), or null.
     */
    @RegisterForReflection
    public record CodeGrant(
            String clientId,
            String redirectUri,
            boolean redirectUriGiven,
            String codeChallenge,
            String userId,
            String scope,
            String browserIp,
            String browserUserAgent,
            String nonce,
            Long authTime,
            String sid,
            String dpopJkt) {}

    /** A code taken for an exchange: its grant, and until when it would have lived. */
    public record Taken(CodeGrant grant, long expiresAtMillis) {
        /** When the code was issued (its lifetime is fixed, and a restored code keeps its expiry). */
        public long issuedAtMillis() {
            return expiresAtMillis - CODE_TTL.toMillis();
        }
    }

    /** What an exchange issued: a refresh family and an access token, to revoke on replay. */
    @RegisterForReflection
    public record Spent(String userId, String familyId, String jti, long expiresAtEpoch) {}

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;

    public AuthorizationCodes(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.json = json;
    }

    public Uni<String> issue(CodeGrant grant) {
        String code = OpaqueTokens.newToken();
        return values.set(codeKey(code), write(grant), new SetArgs().ex(CODE_TTL))
                .replaceWith(code);
    }

    /** The code's grant, or null when it is unknown, expired or already used. */
    public Uni<Taken> take(String code) {
        return redis.execute(
                        "EVAL", TAKE, "2", codeKey(code), spentKey(code), PENDING, Long.toString(SPENT_TTL.toSeconds()))
                .map(response -> response == null || response.size() < 2
                        ? null
                        : new Taken(
                                read(response.get(0).toString(), CodeGrant.class),
                                System.currentTimeMillis()
                                        + Math.max(
                                                0,
                                                Long.parseLong(response.get(1).toString()))));
    }

    /**
     * Gives a taken code back when its exchange failed on a store fault before it issued anything,
     * so the client's retry can still use it (for the rest of its 60 s).
     */
    public Uni<Void> restore(String code, Taken taken) {
        long left = taken.expiresAtMillis() - System.currentTimeMillis();
        if (left <= 0) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute(
                        "EVAL",
                        RESTORE,
                        "2",
                        codeKey(code),
                        spentKey(code),
                        PENDING,
                        write(taken.grant()),
                        Long.toString(left))
                .replaceWithVoid();
    }

    /**
     * Records what the exchange issued. True when a replay came in meanwhile: then the caller
     * must revoke what it just issued.
     */
    public Uni<Boolean> recordIssued(String code, Spent spent) {
        return values.setGet(spentKey(code), write(spent), new SetArgs().xx().keepttl())
                .map(REUSED::equals);
    }

    /**
     * Handles a second use of a code: what it issued (null if the exchange has not finished yet,
     * in which case the exchange sees the mark and revokes its own tokens).
     */
    public Uni<Spent> replayed(String code) {
        String key = spentKey(code);
        return values.get(key).chain(value -> {
            if (value == null || REUSED.equals(value)) {
                return Uni.createFrom().nullItem();
            }
            if (PENDING.equals(value)) {
                return values.set(key, REUSED, new SetArgs().xx().keepttl()).replaceWith((Spent) null);
            }
            return Uni.createFrom().item(read(value, Spent.class));
        });
    }

    private static String codeKey(String code) {
        return "gh:code:" + OpaqueTokens.sha256Hex(code);
    }

    private static String spentKey(String code) {
        return "gh:code-spent:" + OpaqueTokens.sha256Hex(code);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            Log.errorf("Unreadable %s in Redis", type.getSimpleName());
            throw ApiException.unavailable();
        }
    }
}
