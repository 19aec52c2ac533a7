package dev.gatehouse.support;

import io.quarkus.redis.datasource.RedisDataSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The replication id of the test's Redis ({@code INFO replication}'s {@code master_replid}). */
public final class RedisReplication {

    private static final Pattern ID = Pattern.compile("master_replid:(\\w+)");

    private RedisReplication() {}

    public static String id(RedisDataSource redis) {
        Matcher id = ID.matcher(redis.execute("INFO", "replication").toString());
        return id.find() ? id.group(1) : "";
    }
}
