package dev.gatehouse.redis;

import java.util.List;

/**
 * Keys one feature reads in the Redis round trip of another feature's script, and what it makes of
 * their values: the script's owner reads the keys without knowing what they mean, the keys' owner
 * interprets the values without knowing the script (a protected request's limit and its denylist
 * marks, in one round trip).
 */
public interface ReadAlong {

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

    /** Their values in the order of {@link #keys} (null for a missing key), or null when Redis did not answer. */
    void found(List<String> values);
}
