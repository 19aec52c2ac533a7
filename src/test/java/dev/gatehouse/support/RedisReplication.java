package dev.gatehouse.support;

import io.quarkus.redis.datasource.RedisDataSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The replication id of the test's Redis ({@code INFO replication}'s {@code master_replid}), and a failover stood for. */
public final class RedisReplication {

    /**
     * Where Gatehouse records the replication history its marks were written in ({@code
     * RedisHistory.KEY}; {@code RedisHistoryTest} fails if the two part).
     */
    public static final String HISTORY_KEY = "gh:history";

    private static final Pattern ID = Pattern.compile("master_replid:(\\w+)");

    private RedisReplication() {}

    public static String id(RedisDataSource redis) {
        Matcher id = ID.matcher(redis.execute("INFO", "replication").toString());
        return id.find() ? id.group(1) : "";
    }

    /**
     * Stands for a failover on one server: records another history than the server's, as a replica
     * that Sentinel promoted holds the old master's. What the failover lost is the caller's to delete
     * or put back.
     */
    public static void recordAnotherHistory(RedisDataSource redis) {
        String other = "0".repeat(40);
        if (other.equals(id(redis))) {
            throw new IllegalStateException("the server's history is the one meant to stand for another");
        }
        redis.value(String.class).set(HISTORY_KEY, other);
    }
}
