package dev.gatehouse.ratelimit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory stand-in for the Redis limits while Redis is down: the same sliding windows, kept
 * per replica, so brute force stays bounded (by the limit times the number of replicas).
 */
final class LocalWindows {

    private record Event(long at, String member) {
    }

    /** Bounds memory under a flood of distinct keys; windows are dropped oldest-first beyond it. */
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Event>> windows = new ConcurrentHashMap<>();

    /** As the Redis script: {@code ADD} limits always count, {@code HIT} limits only when every limit has room. */
    synchronized Decision check(List<RateLimiter.Mode> modes, String member, List<Limit> limits, long now) {
        if (windows.size() > MAX_KEYS) {
            windows.clear();
        }
        boolean allowed = true;
        List<Deque<Event>> deques = new ArrayList<>();
        for (Limit limit : limits) {
            Deque<Event> events = windows.computeIfAbsent(limit.redisKey(), k -> new ArrayDeque<>());
            while (!events.isEmpty() && events.peekFirst().at() <= now - limit.window().toMillis()) {
                events.pollFirst();
            }
            allowed &= events.size() < limit.max();
            deques.add(events);
        }
        for (int i = 0; i < limits.size(); i++) {
            RateLimiter.Mode mode = modes.get(i);
            if (mode == RateLimiter.Mode.ADD || (mode == RateLimiter.Mode.HIT && allowed)) {
                deques.get(i).addLast(new Event(now, member));
            }
        }
        List<LimitStatus> statuses = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            Deque<Event> events = deques.get(i);
            long oldest = events.isEmpty() ? -1 : events.peekFirst().at();
            statuses.add(RateLimiter.status(limits.get(i), events.size(), oldest, now));
        }
        return new Decision(allowed, statuses);
    }

    synchronized void remove(String member, List<Limit> limits) {
        for (Limit limit : limits) {
            Deque<Event> events = windows.get(limit.redisKey());
            if (events != null) {
                events.removeIf(event -> event.member().equals(member));
            }
        }
    }
}
