package dev.gatehouse.oauth.device;

import dev.gatehouse.token.OpaqueTokens;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;

/**
 * A user code entered in a browser, between entering it and deciding ({@code gh:device-verify:{sha256(id)}},
 * a Redis hash), with its own CSRF token: the id travels in the SameSite=Strict {@code gh_device}
 * cookie and in the form, the CSRF token only in the form, as for the authorization endpoint's login.
 */
@ApplicationScoped
public class DeviceVerifications {

    public static final String COOKIE = "gh_device";
    static final Duration TTL = Duration.ofMinutes(10);

    /** Stores the fields and their lifetime in one step. */
    private static final String START = """
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1""";

    /** The code entered, the client it is for, and the form's CSRF token. */
    public record Verification(DeviceCodes.Waiting code, String userCode, String clientName, String csrf) {}

    /** What the pages need: the verification's id and CSRF token. */
    public record Started(String id, String csrf) {}

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;

    public DeviceVerifications(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
    }

    public Uni<Started> start(DeviceCodes.Waiting code, String userCode, String clientName) {
        String id = OpaqueTokens.newToken();
        String csrf = OpaqueTokens.newToken();
        return redis.execute(
                        "EVAL",
                        START,
                        "1",
                        key(id),
                        Long.toString(TTL.toMillis()),
                        "device",
                        code.deviceHash(),
                        "userHash",
                        code.userCodeHash(),
                        "client",
                        code.clientId(),
                        "scope",
                        code.scope(),
                        "userCode",
                        userCode,
                        "clientName",
                        clientName,
                        "csrf",
                        csrf)
                .replaceWith(new Started(id, csrf));
    }

    /** The verification when the cookie, the form's id and its CSRF token all agree; else null. */
    public Uni<Verification> find(String cookieId, String formId, String csrf) {
        if (!same(cookieId, formId) || csrf == null) {
            return Uni.createFrom().nullItem();
        }
        return hashes.hgetall(key(formId)).map(fields -> same(fields.get("csrf"), csrf) ? verification(fields) : null);
    }

    public Uni<Void> finish(String id) {
        return redis.key(String.class).del(key(id)).replaceWithVoid();
    }

    /** Constant-time comparison of two values that must both be present. */
    static boolean same(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static Verification verification(Map<String, String> fields) {
        var code = new DeviceCodes.Waiting(
                fields.get("device"), fields.get("userHash"), fields.get("client"), fields.get("scope"));
        return new Verification(code, fields.get("userCode"), fields.get("clientName"), fields.get("csrf"));
    }

    private static String key(String id) {
        return "gh:device-verify:" + OpaqueTokens.sha256Hex(id);
    }
}
