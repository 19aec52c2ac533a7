package dev.gatehouse.session.active;

import java.util.List;

/** {@code {"items": [...]}}: the live sessions of one user, most recently used first. */
public record SessionList(List<ActiveSession> items) {}
