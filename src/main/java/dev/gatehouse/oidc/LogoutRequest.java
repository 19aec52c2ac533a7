package dev.gatehouse.oidc;

/**
 * A checked RP-Initiated Logout 1.0 request (§2): the verified hint (or null), and where the
 * browser goes afterwards ({@code redirectUri} null: Gatehouse's own page).
 */
public record LogoutRequest(IdTokenHints.Hint hint, String redirectUri, String state) {}
