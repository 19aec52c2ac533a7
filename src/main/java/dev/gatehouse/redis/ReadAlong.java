package dev.gatehouse.redis;

import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys one feature reads in the Redis round trip of another feature's script, and what it makes of
 * their values: the script's owner reads the keys without knowing what they mean, the keys' owner
 * interprets the values without knowing the script (a protected request's limit and its denylist
 * marks, in one round trip).
 */
public interface ReadAlong {

    /**
     * A Lua expression for the replication id of the server that runs the script ({@code INFO
     * replication}'s {@code master_replid}, 40 hex digits, found by a plain search: a pattern costs 0.5
     * µs more a call; {@code ''} where the server gives none). A replica promoted
     * by a failover, or a server restarted from its persistence file, starts a new one, and either may
     * have lost the writes made just before: so a value read along comes with this id, for its owner
     * to tell whether it was written in the same history.
     */
    String REPLICATION_ID = "(function() local info = redis.call('INFO', 'replication')"
            + " local at = string.find(info, 'master_replid:', 1, true)"
            + " return at and string.sub(info, at + 14, at + 53) or '' end)()";

    /** Nothing to read. */
    ReadAlong NONE = new ReadAlong() {
        @Override
        public List<String> keys() {
            return List.of();
        }

        @Override
        public void found(List<String> values) {}
    };

    /** The keys to read, in order. */
    List<String> keys();

    /**
     * Their values in the order of {@link #keys} (null for a missing key), then the server's
     * {@link #REPLICATION_ID}; or null when Redis did not answer.
     */
    void found(List<String> values);

    /** A script's answers from {@code from} on, as the strings {@link #found} takes (null for a missing key). */
    static List<String> values(Response response, int from) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < response.size(); i++) {
            Response value = response.get(i);
            values.add(value == null ? null : value.toString());
        }
        return values;
    }
}
