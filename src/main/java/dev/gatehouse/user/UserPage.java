package dev.gatehouse.user;

import java.util.List;

/** A page of {@code GET /api/users}: {@code {items, page, size, total}}. */
public record UserPage(List<UserView> items, int page, int size, long total) {}
