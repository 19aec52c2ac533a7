package dev.gatehouse.oidc;

/**
 * When and in which browser session a user logged in: an ID token's {@code auth_time} (epoch
 * seconds) and {@code sid} (OIDC Core §2, Front-Channel Logout §3), kept for the refresh family it
 * started.
 */
public record Authentication(String userId, long authTime, String sid) {}
