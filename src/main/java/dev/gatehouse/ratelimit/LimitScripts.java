package dev.gatehouse.ratelimit;

import dev.gatehouse.redis.ReadAlong;

/** The Lua scripts of {@link RateLimiter}: each check is one atomic round trip to Redis. */
final class LimitScripts {

    /** A pending attempt older than this is forgotten (its replica died before it finished). */
    static final long PENDING_MILLIS = 30_000;

    /**
     * KEYS: the limits' sorted sets, then keys only read (their values come back after the counts,
     * followed by the server's {@link ReadAlong#REPLICATION_ID} when there are any).
     * ARGV: now, member, the number of limits, then window, maximum and mode of each limit. An
     * {@code ADD} limit always counts the event, a {@code HIT} limit only when every limit has room.
     */
    static final String CHECK = """
            local now = tonumber(ARGV[1])
            local limits = tonumber(ARGV[3])
            local counts = {}
            local allowed = 1
            for i = 1, limits do
              local mode = ARGV[3 + 3 * i]
              local pending = KEYS[i] .. ':p'
              redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - tonumber(ARGV[1 + 3 * i]))
              if mode == 'COMMIT' then redis.call('ZREM', pending, ARGV[2]) end
              counts[i] = redis.call('ZCARD', KEYS[i])
              local busy = counts[i]
              if mode == 'RESERVE' then
                redis.call('ZREMRANGEBYSCORE', pending, '-inf', now - PENDING_MILLIS)
                busy = busy + redis.call('ZCARD', pending)
              end
              if busy >= tonumber(ARGV[2 + 3 * i]) then allowed = 0 end
            end
            for i = 1, limits do
              local mode = ARGV[3 + 3 * i]
              local window = tonumber(ARGV[1 + 3 * i])
              if mode == 'ADD' or mode == 'COMMIT' or (mode == 'HIT' and allowed == 1) then
                redis.call('ZADD', KEYS[i], now, ARGV[2])
                redis.call('PEXPIRE', KEYS[i], window)
                counts[i] = counts[i] + 1
              elseif mode == 'RESERVE' and allowed == 1 then
                redis.call('ZADD', KEYS[i] .. ':p', now, ARGV[2])
                redis.call('PEXPIRE', KEYS[i] .. ':p', PENDING_MILLIS)
                counts[i] = counts[i] + 1
              end
            end""".replace("PENDING_MILLIS", Long.toString(PENDING_MILLIS))
            + """

            local result = {allowed}
            for i = 1, limits do
              local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
              result[#result + 1] = counts[i]
              result[#result + 1] = oldest[2] or '-1'
            end
            for i = limits + 1, #KEYS do
              result[#result + 1] = redis.call('GET', KEYS[i])
            end
            if #KEYS > limits then result[#result + 1] = REPLICATION_ID end
            return result""".replace("REPLICATION_ID", ReadAlong.REPLICATION_ID);

    static final String REMOVE = """
            for _, key in ipairs(KEYS) do
              redis.call('ZREM', key, ARGV[1])
              redis.call('ZREM', key .. ':p', ARGV[1])
            end
            return 1""";

    private LimitScripts() {}
}
