package dev.gatehouse.token;

import java.util.Set;

/**
 * The scopes of Gatehouse's own API. A token reaches the account endpoints only with
 * {@link #ACCOUNT}, the admin endpoints only with {@link #ADMIN} held by a user whose roles include
 * {@code admin}: what a token may do is what the user holds, narrowed to what the client was
 * delegated (RFC 9068 §4, RFC 9700 §2.3). First-party tokens carry them; an OAuth client gets them
 * only when an admin registered it with them.
 */
public final class GatehouseScopes {

    /** The caller's own account: {@code /api/users/me/**}, {@code /auth/logout-all}. */
    public static final String ACCOUNT = "gatehouse:account";
    /** The admin API ({@code /api/admin/**}, {@code GET /api/users}); needs the admin role too. */
    public static final String ADMIN = "gatehouse:admin";
    /** Lets a third-party token carry the user's roles in {@code groups} (never {@code admin} without {@link #ADMIN}). */
    public static final String ROLES = "roles";
    /** The role that, with {@link #ADMIN}, opens the admin API. */
    public static final String ADMIN_ROLE = "admin";

    /** The scopes that make a token one for Gatehouse's own API (its audience). */
    public static final Set<String> OWN_API = Set.of(ACCOUNT, ADMIN);

    private GatehouseScopes() {}

    /** Whether a token with these scopes is for Gatehouse's own API too. */
    public static boolean reachOwnApi(Set<String> scopes) {
        return scopes.stream().anyMatch(OWN_API::contains);
    }

    /**
     * The roles a token for an OAuth client carries: none without {@link #ROLES}; {@code admin}
     * only with {@link #ADMIN}.
     */
    public static Set<String> rolesFor(Set<String> scopes, Set<String> roles) {
        if (scopes.contains(ADMIN)) {
            return scopes.contains(ROLES) ? roles : roles.contains(ADMIN_ROLE) ? Set.of(ADMIN_ROLE) : Set.of();
        }
        if (!scopes.contains(ROLES)) {
            return Set.of();
        }
        return roles.stream()
                .filter(role -> !role.equals(ADMIN_ROLE))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
