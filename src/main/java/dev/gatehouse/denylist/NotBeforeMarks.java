package dev.gatehouse.denylist;

/**
 * A user's "not before" marks in one Redis value that only ever grows stronger. A mark (T, S)
 * refuses every token issued before T except those of session S (none: "-"). Many marks reduce
 * exactly to two: the latest mark A, and the latest mark B among those that spare another session
 * than A does. A token of session s issued at t is refused when t is before A's time, or, when A
 * spares s, before B's time. The value is {@code "Ta Sa Tb Sb"}; a one-mark value of an earlier
 * version ({@code "T"} or {@code "T S"}) reads the same way.
 */
final class NotBeforeMarks {

    static final String NO_SPARE = "-";

    /**
     * KEYS: the user's mark, the user's browser mark; ARGV: time, spared session or "-", the mark's
     * TTL, the browser mark's TTL (seconds). Adds the mark and raises the browser mark to the time.
     */
    static final String ADD_SCRIPT = """
            local t = tonumber(ARGV[1])
            local s = ARGV[2]
            local ta, sa, tb, sb = 0, '-', 0, '-'
            local current = redis.call('GET', KEYS[1])
            if current then
              local p = {}
              for w in string.gmatch(current, '%S+') do p[#p + 1] = w end
              ta = tonumber(p[1]) or 0
              sa = p[2] or '-'
              tb = tonumber(p[3]) or 0
              sb = p[4] or '-'
            end
            if t >= ta then
              if s ~= sa then
                tb, sb = ta, sa
              end
              ta, sa = t, s
            elseif s ~= sa and t > tb then
              tb, sb = t, s
            end
            redis.call('SET', KEYS[1], string.format('%d %s %d %s', ta, sa, tb, sb), 'EX', ARGV[3])
            local b = tonumber(redis.call('GET', KEYS[2]) or '0')
            if t > b then b = t end
            redis.call('SET', KEYS[2], string.format('%d', b), 'EX', ARGV[4])
            return 1
            """;

    /** KEYS: a mark; ARGV: time, TTL (seconds). Raises the mark to the time, never lowers it. */
    static final String MAX_SCRIPT = """
            local t = tonumber(ARGV[1])
            local b = tonumber(redis.call('GET', KEYS[1]) or '0')
            if t > b then b = t end
            redis.call('SET', KEYS[1], string.format('%d', b), 'EX', ARGV[2])
            return 1
            """;

    private NotBeforeMarks() {}

    static String spare(String sessionId) {
        return sessionId == null ? NO_SPARE : sessionId;
    }

    /** Whether the marks in {@code value} (null: none) refuse a token of {@code sessionId} issued at {@code issuedAtMillis}. */
    static boolean refuses(String value, long issuedAtMillis, String sessionId) {
        if (value == null) {
            return false;
        }
        String[] parts = value.split(" ");
        long latest = Long.parseLong(parts[0]);
        String latestSpares = parts.length > 1 ? parts[1] : NO_SPARE;
        if (sessionId == null || !sessionId.equals(latestSpares)) {
            return issuedAtMillis < latest;
        }
        long other = parts.length > 2 ? Long.parseLong(parts[2]) : 0;
        return issuedAtMillis < other;
    }
}
