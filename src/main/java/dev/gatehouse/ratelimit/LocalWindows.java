package dev.gatehouse.ratelimit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The in-memory stand-in for the Redis limits while Redis is down: the same sliding windows, kept
 * per replica, so brute force stays bounded (by the limit times the number of replicas).
 *
 * <p>At most {@link #MAX_KEYS} windows are kept. When that many exist, windows whose events have
 * all left their window make room, least recently used first; a window that still counts events
 * is never dropped, so a flood of new keys (random client ids, addresses) cannot reset the
 * window of an account or client under attack. A new key that finds no room is refused (its
 * event is not counted and a {@code HIT} is not allowed) until a window expires. A look
 * ({@code PEEK}) never creates a window.
 */
final class LocalWindows {

    private record Event(long at, String member) {}

    /** One key's events, newest last, and the length of its window. */
    private static final class Window {
        private final long millis;
        private final Deque<Event> events = new ArrayDeque<>();

        Window(long millis) {
            this.millis = millis;
        }

        /** Drops the events that left the window; true when none is left. */
        boolean prune(long now) {
            while (!events.isEmpty() && events.peekFirst().at() <= now - millis) {
                events.pollFirst();
            }
            return events.isEmpty();
        }
    }

    /** Bounds memory under a flood of distinct keys. */
    static final int MAX_KEYS = 100_000;
    /** After a sweep that found no expired window, the next one waits this long (a full store costs one sweep a second). */
    private static final long SWEEP_PAUSE_MILLIS = 1_000;

    /** In access order: the eldest entry is the least recently used window. */
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true);

    private final int maxKeys;
    private long nextSweep;

    LocalWindows() {
        this(MAX_KEYS);
    }

    LocalWindows(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** How many windows are kept. */
    synchronized int size() {
        return windows.size();
    }

    /** As the Redis script: {@code ADD} limits always count, {@code HIT} limits only when every limit has room. */
    synchronized Decision check(List<RateLimiter.Mode> modes, String member, List<Limit> limits, long now) {
        boolean allowed = true;
        List<Window> found = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < limits.size(); i++) {
            Window window = windows.get(limits.get(i).redisKey());
            if (window != null) {
                window.prune(now);
            } else if (modes.get(i) != RateLimiter.Mode.PEEK) {
                missing++;
            }
            found.add(window);
            allowed &= count(window) < limits.get(i).max();
        }
        if (missing > 0 && !makeRoom(missing, now)) {
            allowed = false; // no room for a new key: refused, rather than forgetting a live window
        }
        for (int i = 0; i < limits.size(); i++) {
            RateLimiter.Mode mode = modes.get(i);
            if (mode == RateLimiter.Mode.ADD || (mode == RateLimiter.Mode.HIT && allowed)) {
                Window window = found.get(i) != null ? found.get(i) : create(limits.get(i));
                if (window != null) {
                    window.events.addLast(new Event(now, member));
                    found.set(i, window);
                }
            }
        }
        List<LimitStatus> statuses = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            Window window = found.get(i);
            long oldest = count(window) == 0 ? -1 : window.events.peekFirst().at();
            statuses.add(RateLimiter.status(limits.get(i), count(window), oldest, now));
        }
        return new Decision(allowed, statuses);
    }

    synchronized void remove(String member, List<Limit> limits) {
        for (Limit limit : limits) {
            Window window = windows.get(limit.redisKey());
            if (window != null) {
                window.events.removeIf(event -> event.member().equals(member));
            }
        }
    }

    private static int count(Window window) {
        return window == null ? 0 : window.events.size();
    }

    /** A new window for the limit's key, or null when the store is full. */
    private Window create(Limit limit) {
        if (windows.size() >= maxKeys) {
            return null;
        }
        Window window = new Window(limit.window().toMillis());
        windows.put(limit.redisKey(), window);
        return window;
    }

    /** Whether {@code needed} new windows fit, after dropping expired ones, least recently used first. */
    private boolean makeRoom(int needed, long now) {
        if (windows.size() + needed <= maxKeys) {
            return true;
        }
        if (now < nextSweep) {
            return false;
        }
        Iterator<Window> eldestFirst = windows.values().iterator();
        while (eldestFirst.hasNext() && windows.size() + needed > maxKeys) {
            if (eldestFirst.next().prune(now)) {
                eldestFirst.remove();
            }
        }
        boolean room = windows.size() + needed <= maxKeys;
        if (!room) {
            nextSweep = now + SWEEP_PAUSE_MILLIS;
        }
        return room;
    }
}
