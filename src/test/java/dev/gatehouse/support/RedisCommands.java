package dev.gatehouse.support;

import io.quarkus.redis.datasource.RedisDataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis's own count of the commands it ran ({@code INFO commandstats}), to assert how many round
 * trips a request costs. The counts include what scripts run: a read inside a script shows up as
 * {@code get}, a lookup of its own as {@code mget}.
 */
public final class RedisCommands {

    private static final Pattern STAT = Pattern.compile("^cmdstat_([^:]+):calls=(\\d+)", Pattern.MULTILINE);

    private final Map<String, Long> before;
    private final RedisDataSource redis;
    /** The {@code INFO} calls this count made itself, each seen by the next: not the requests'. */
    private long ownInfoCalls;

    private RedisCommands(RedisDataSource redis) {
        this.redis = redis;
        this.before = stats();
    }

    /** Starts counting from now. */
    public static RedisCommands count(RedisDataSource redis) {
        return new RedisCommands(redis);
    }

    /** Calls of {@code command} since {@link #count}. */
    public long since(String command) {
        long seenOwn = ownInfoCalls;
        long calls = stats().getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
        return command.equals("info") ? calls - seenOwn : calls;
    }

    /** Scripts run since {@link #count}, by EVAL or EVALSHA. */
    public long scripts() {
        Map<String, Long> after = stats();
        return after.getOrDefault("eval", 0L)
                + after.getOrDefault("evalsha", 0L)
                - before.getOrDefault("eval", 0L)
                - before.getOrDefault("evalsha", 0L);
    }

    private Map<String, Long> stats() {
        ownInfoCalls++;
        Matcher stat = STAT.matcher(redis.execute("INFO", "commandstats").toString());
        Map<String, Long> calls = new HashMap<>();
        while (stat.find()) {
            calls.put(stat.group(1), Long.parseLong(stat.group(2)));
        }
        return calls;
    }
}
