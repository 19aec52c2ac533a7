package dev.gatehouse.oauth.device;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Device codes in Redis (RFC 8628 §3.2), stored only as hashes: {@code gh:device:{sha256(device_code)}}
 * is a hash (client, scope, expiry, interval, last poll, status, user, browser, when decided), kept an hour past
 * its expiry so a late poll learns {@code expired_token}; {@code gh:device-user:{sha256(user_code)}}
 * points at it while the code may be entered. Every state change is one atomic script, so two
 * replicas never both issue tokens for one code.
 */
@ApplicationScoped
public class DeviceCodes {

    /** The grant type a device polls the token endpoint with (RFC 8628 §3.4). */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

    /** How long an expired device code is remembered, to answer expired_token rather than invalid_grant. */
    static final Duration REMEMBER = Duration.ofHours(1);
    /** RFC 8628 §3.5: each slow_down adds 5 seconds to the interval. */
    static final int SLOW_DOWN_SECONDS = 5;

    private static final int ATTEMPTS = 5;

    private static final String ISSUE = """
            if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 0 end
            redis.call('HSET', KEYS[2], 'client', ARGV[4], 'scope', ARGV[5], 'exp', ARGV[6], 'interval', ARGV[7],
                'last', '0', 'status', 'pending')
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            return 1""";
    private static final String POLL = """
            local f = redis.call('HMGET', KEYS[1], 'client', 'status', 'exp', 'interval', 'last', 'user', 'scope', 'ip', 'ua', 'decided')
            if not f[1] or f[1] ~= ARGV[2] then return {'unknown'} end
            if f[2] == 'spent' then return {'spent'} end
            local now = tonumber(ARGV[1])
            if now >= tonumber(f[3]) then return {'expired'} end
            local interval = tonumber(f[4])
            redis.call('HSET', KEYS[1], 'last', ARGV[1])
            if tonumber(f[5]) > 0 and now - tonumber(f[5]) < interval * 1000 then
              redis.call('HSET', KEYS[1], 'interval', interval + tonumber(ARGV[3]))
              return {'slow_down'}
            end
            if f[2] == 'approved' then
              redis.call('HSET', KEYS[1], 'status', 'spent')
              return {'approved', f[6], f[7], f[8] or '', f[9] or '', f[10] or ''}
            end
            return {f[2]}""";
    private static final String DECIDE = """
            local f = redis.call('HMGET', KEYS[1], 'status', 'exp')
            if f[1] ~= 'pending' or tonumber(ARGV[1]) >= tonumber(f[2]) then return 0 end
            redis.call('HSET', KEYS[1], 'status', ARGV[2], 'user', ARGV[3], 'ip', ARGV[4], 'ua', ARGV[5], 'decided', ARGV[1])
            redis.call('DEL', KEYS[2])
            return 1""";

    /** A new device authorization: the codes to hand to the device. */
    public record Issued(String deviceCode, String userCode, long expiresIn, long interval) {}

    /** A device code waiting for its user, found by its user code. */
    public record Waiting(String deviceHash, String userCodeHash, String clientId, String scope) {}

    /**
     * What a poll found; {@code approved} carries the user, scope, the browser that approved and when
     * (epoch millis; 0 for an approval recorded before the time was).
     */
    public record Poll(
            String state, String userId, String scope, String browserIp, String browserUserAgent, long decidedAt) {}

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final UserCodes userCodes;
    private final Duration ttl;
    private final long interval;

    public DeviceCodes(ReactiveRedisDataSource redis, UserCodes userCodes, GatehouseConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.hashes = redis.hash(String.class);
        this.userCodes = userCodes;
        this.ttl = config.device().codeTtl();
        this.interval = Math.max(1, config.device().interval().toSeconds());
    }

    /** Stores a new device code and a user code no other live code has. */
    public Uni<Issued> issue(String clientId, String scope) {
        return issue(clientId, scope, ATTEMPTS);
    }

    private Uni<Issued> issue(String clientId, String scope, int attemptsLeft) {
        String deviceCode = OpaqueTokens.newToken();
        String userCode = userCodes.generate();
        String deviceHash = OpaqueTokens.sha256Hex(deviceCode);
        long now = System.currentTimeMillis();
        return redis.execute(
                        "EVAL",
                        ISSUE,
                        "2",
                        userKey(OpaqueTokens.sha256Hex(userCode)),
                        deviceKey(deviceHash),
                        deviceHash,
                        Long.toString(ttl.toMillis()),
                        Long.toString(ttl.plus(REMEMBER).toMillis()),
                        clientId,
                        scope,
                        Long.toString(now + ttl.toMillis()),
                        Long.toString(interval))
                .chain(stored -> {
                    if (stored.toInteger() == 1) {
                        return Uni.createFrom()
                                .item(new Issued(deviceCode, UserCodes.display(userCode), ttl.toSeconds(), interval));
                    }
                    if (attemptsLeft <= 1) {
                        return Uni.createFrom()
                                .failure(new IllegalStateException("No free user code after " + ATTEMPTS + " draws"));
                    }
                    return issue(clientId, scope, attemptsLeft - 1);
                });
    }

    /** The device code a (normalized) user code stands for, while it waits for a decision; else null. */
    public Uni<Waiting> waiting(String userCode) {
        String userCodeHash = OpaqueTokens.sha256Hex(userCode);
        return values.get(userKey(userCodeHash))
                .chain(deviceHash -> deviceHash == null
                        ? Uni.createFrom().nullItem()
                        : hashes.hmget(deviceKey(deviceHash), "client", "scope", "status", "exp")
                                .map(fields -> {
                                    String exp = fields.get("exp");
                                    boolean live = "pending".equals(fields.get("status"))
                                            && exp != null
                                            && System.currentTimeMillis() < Long.parseLong(exp);
                                    return live
                                            ? new Waiting(
                                                    deviceHash, userCodeHash, fields.get("client"), fields.get("scope"))
                                            : null;
                                }));
    }

    /** Records the user's decision; false when the code is no longer waiting (decided, expired). */
    public Uni<Boolean> decide(
            Waiting code, String userId, boolean approved, String browserIp, String browserUserAgent) {
        return redis.execute(
                        "EVAL",
                        DECIDE,
                        "2",
                        deviceKey(code.deviceHash()),
                        userKey(code.userCodeHash()),
                        Long.toString(System.currentTimeMillis()),
                        approved ? "approved" : "denied",
                        userId,
                        nonNull(browserIp),
                        nonNull(browserUserAgent))
                .map(decided -> decided.toInteger() == 1);
    }

    /** One poll of the token endpoint (RFC 8628 §3.4, §3.5): counts its time, and takes an approved code once. */
    public Uni<Poll> poll(String deviceCode, String clientId) {
        return redis.execute(
                        "EVAL",
                        POLL,
                        "1",
                        deviceKey(OpaqueTokens.sha256Hex(deviceCode)),
                        Long.toString(System.currentTimeMillis()),
                        clientId,
                        Integer.toString(SLOW_DOWN_SECONDS))
                .map(DeviceCodes::poll);
    }

    private static Poll poll(Response response) {
        List<String> values = new ArrayList<>();
        response.forEach(value -> values.add(value == null ? null : value.toString()));
        if (values.size() < 6) {
            return new Poll(values.get(0), null, null, null, null, 0);
        }
        String decided = values.get(5);
        return new Poll(
                values.get(0),
                values.get(1),
                values.get(2),
                emptyToNull(values.get(3)),
                emptyToNull(values.get(4)),
                decided == null || decided.isEmpty() ? 0 : Long.parseLong(decided));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String deviceKey(String deviceHash) {
        return "gh:device:" + deviceHash;
    }

    private static String userKey(String userCodeHash) {
        return "gh:device-user:" + userCodeHash;
    }
}
