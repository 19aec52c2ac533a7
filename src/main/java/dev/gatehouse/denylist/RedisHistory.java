package dev.gatehouse.denylist;

import dev.gatehouse.redis.ReadAlong;

/**
 * Which history of Redis's data the denylist's marks were written in. Redis replicates
 * asynchronously, so a failover (Sentinel promoting a replica, planned or not) can lose the marks
 * written just before it while every older key, {@code gh:epoch} included, stays: a logout answered
 * 204 would be undone. Each such event starts a new replication history ({@link
 * ReadAlong#REPLICATION_ID}), and {@code gh:history} holds the one the marks since {@code gh:epoch}
 * were written in. A check that finds another one ({@link State}) fails closed and has the epoch
 * {@linkplain #RENEW renewed} to now ({@link RedisEpoch}), so every access token issued before is
 * refused, whether or not its mark survived; clients refresh once, as after a loss of all the data.
 */
final class RedisHistory {

    static final String KEY = "gh:history";

    /** KEYS: the keys to read. Their values, then the server's replication id (one round trip). */
    static final String READ = """
            local values = redis.call('MGET', unpack(KEYS))
            values[#KEYS + 1] = REPLICATION_ID
            return values""".replace("REPLICATION_ID", ReadAlong.REPLICATION_ID);

    /**
     * KEYS: {@code gh:epoch}, {@code gh:history}; ARGV: now (epoch millis), the history the caller
     * last read ({@code ''}: none). Records the server's history and answers {moved, the epoch in
     * force, the server's history}: moved (1) when {@code gh:epoch} was gone, or the history is another than the recorded
     * one or the caller's (the epoch becomes now, never earlier than it was); 0 when it is the same,
     * or recorded by nobody yet (an earlier version of Gatehouse wrote this Redis: nothing is known
     * lost). Every replica that notices may run it: each moves the epoch at most once a change.
     */
    static final String RENEW = """
            local id = REPLICATION_ID
            local epoch = redis.call('GET', KEYS[1])
            local recorded = redis.call('GET', KEYS[2])
            redis.call('SET', KEYS[2], id)
            if not epoch then
              redis.call('SET', KEYS[1], ARGV[1])
              return {1, ARGV[1], id}
            end
            if (recorded and recorded ~= id) or (ARGV[2] ~= '' and ARGV[2] ~= id) then
              if tonumber(ARGV[1]) > tonumber(epoch) then
                redis.call('SET', KEYS[1], ARGV[1])
                epoch = ARGV[1]
              end
              return {1, epoch, id}
            end
            return {0, epoch, id}""".replace("REPLICATION_ID", ReadAlong.REPLICATION_ID);

    private RedisHistory() {}

    /** What a check's {@code gh:epoch}, {@code gh:history} and server's id say, against the history this replica read last. */
    enum State {
        /** The marks are all there: the epoch holds. */
        KEPT,
        /** Not yet recorded (an earlier version wrote this Redis): record it, nothing is known lost. */
        UNRECORDED,
        /** {@code gh:epoch} is gone: Redis lost all its data. */
        DATA_LOST,
        /**
         * Another history than the recorded one, or than the one this replica read last (a master
         * that a second failover brought back holds its own id in {@code gh:history}, but not what
         * the master between took): the marks written just before a failover may be gone.
         */
        HISTORY_CHANGED;

        static State of(String epoch, String recorded, String server, String seen) {
            if (epoch == null) {
                return DATA_LOST;
            }
            if (seen != null && !seen.equals(server)) {
                return HISTORY_CHANGED;
            }
            if (recorded == null) {
                return UNRECORDED;
            }
            return recorded.equals(server) ? KEPT : HISTORY_CHANGED;
        }
    }
}
