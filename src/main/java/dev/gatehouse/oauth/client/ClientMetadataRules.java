package dev.gatehouse.oauth.client;

import dev.gatehouse.config.TokenLifetimes;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.token.AccessTokenIssuer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks and completes RFC 7591 client metadata before it is stored (admin API and clients file alike). */
public final class ClientMetadataRules {

    static final Set<String> AUTH_METHODS =
            Set.of(OAuthClient.AUTH_BASIC, OAuthClient.AUTH_POST, OAuthClient.AUTH_NONE);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{3,128}");
    /** Ids the server uses itself: its first-party client (compared without case). */
    static final Set<String> RESERVED_CLIENT_IDS = Set.of(AccessTokenIssuer.FIRST_PARTY_CLIENT);

    private static final int MAX_RESOURCES = 20;
    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    static final int MIN_TTL = 60;
    static final int MAX_ACCESS_TTL = (int) TokenLifetimes.MAX_ACCESS_TTL.toSeconds();
    static final int MAX_REFRESH_TTL = 90 * 24 * 3600;

    private ClientMetadataRules() {}

    public static void checkClientId(String clientId) {
        if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
            throw metadata("client_id must be 3 to 128 characters of A-Z a-z 0-9 . _ ~ -");
        }
        if (clientId != null && isReserved(clientId)) {
            throw metadata("client_id " + clientId + " is reserved for Gatehouse's own first-party client");
        }
    }

    /** Whether the id is one the server uses itself; no registered client may hold it. */
    static boolean isReserved(String clientId) {
        return RESERVED_CLIENT_IDS.contains(clientId.toLowerCase(Locale.ROOT));
    }

    /** Fills {@code client} from {@code request}, refusing what RFC 7591, RFC 6749 or the Security BCP forbid. */
    public static void apply(ClientMetadata request, OAuthClient client, Set<String> supportedGrants) {
        if (request.clientName() == null
                || request.clientName().isBlank()
                || request.clientName().length() > 200) {
            throw metadata("client_name is required (at most 200 characters)");
        }
        // RFC 7591 §2: grant_types defaults to authorization_code, the auth method to client_secret_basic
        List<String> grants = request.grantTypes() == null ? List.of("authorization_code") : request.grantTypes();
        String method =
                request.tokenEndpointAuthMethod() == null ? OAuthClient.AUTH_BASIC : request.tokenEndpointAuthMethod();
        List<String> redirects = request.redirectUris() == null ? List.of() : request.redirectUris();
        if (grants.isEmpty() || !supportedGrants.containsAll(grants)) {
            throw metadata("grant_types must be taken from " + new java.util.TreeSet<>(supportedGrants));
        }
        if (!AUTH_METHODS.contains(method)) {
            throw metadata("token_endpoint_auth_method must be one of " + AUTH_METHODS);
        }
        // RFC 6749 §4.4: only confidential clients may use client_credentials
        if (OAuthClient.AUTH_NONE.equals(method) && grants.contains("client_credentials")) {
            throw metadata("a public client (token_endpoint_auth_method none) cannot use client_credentials");
        }
        if (grants.contains("authorization_code") && redirects.isEmpty()) {
            throw metadata("authorization_code needs at least one redirect_uri");
        }
        redirects.forEach(ClientMetadataRules::checkRedirectUri);
        // OIDC RP-Initiated Logout 1.0 §3.1: registered like redirect URIs, under the same rules
        List<String> logoutRedirects =
                request.postLogoutRedirectUris() == null ? List.of() : request.postLogoutRedirectUris();
        logoutRedirects.forEach(uri -> checkRedirectUri("post_logout_redirect_uris", uri));
        client.clientName = request.clientName().trim();
        client.grantTypes = String.join(" ", grants.stream().distinct().toList());
        client.tokenEndpointAuthMethod = method;
        client.redirectUris = String.join(" ", redirects.stream().distinct().toList());
        client.postLogoutRedirectUris =
                String.join(" ", logoutRedirects.stream().distinct().toList());
        client.scope = scope(request.scope());
        client.resources = resources(request.resources());
        client.accessTokenTtl = ttl(request.accessTokenTtl(), MAX_ACCESS_TTL, "access_token_ttl");
        client.refreshTokenTtl = ttl(request.refreshTokenTtl(), MAX_REFRESH_TTL, "refresh_token_ttl");
        // RFC 9449 §5.2: absent means false
        client.dpopBoundAccessTokens = Boolean.TRUE.equals(request.dpopBoundAccessTokens());
    }

    /**
     * RFC 6749 §3.1.2: absolute, no fragment. RFC 9700 §2.1 and RFC 8252 §7: https, plain http
     * only on loopback, or a private-use scheme with a dot for native apps.
     */
    static void checkRedirectUri(String value) {
        checkRedirectUri("redirect_uris", value);
    }

    private static void checkRedirectUri(String field, String value) {
        URI uri;
        try {
            uri = value == null || value.length() > 2000 ? null : new URI(value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getRawFragment() != null) {
            throw metadata(field + " must be absolute URIs without a fragment: " + value);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = switch (scheme) {
            case "https" -> uri.getHost() != null;
            case "http" ->
                uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
            case "javascript", "data", "file", "vbscript" -> false;
            default -> scheme.contains(".");
        };
        if (!ok) {
            throw metadata(field + " must use https (http only for localhost) or a private-use scheme: " + value);
        }
    }

    private static String scope(String scope) {
        if (scope == null || scope.isBlank()) {
            return "";
        }
        List<String> tokens = OAuthClient.words(scope);
        if (!tokens.stream().allMatch(token -> SCOPE_TOKEN.matcher(token).matches())) {
            throw metadata("scope must be space-separated scope tokens (RFC 6749 §3.3)");
        }
        return String.join(" ", tokens.stream().distinct().toList());
    }

    /** RFC 8707 §2: a resource indicator is an absolute URI without a fragment. */
    private static String resources(List<String> resources) {
        if (resources == null || resources.isEmpty()) {
            return "";
        }
        if (resources.size() > MAX_RESOURCES) {
            throw metadata("resources: at most " + MAX_RESOURCES);
        }
        for (String resource : resources) {
            URI uri;
            try {
                uri = resource == null || resource.length() > 2000 ? null : new URI(resource);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || !uri.isAbsolute() || uri.getRawFragment() != null || resource.contains(" ")) {
                throw metadata("resources must be absolute URIs without a fragment (RFC 8707 §2): " + resource);
            }
        }
        return String.join(" ", resources.stream().distinct().toList());
    }

    private static Integer ttl(Integer seconds, int max, String name) {
        if (seconds != null && (seconds < MIN_TTL || seconds > max)) {
            throw metadata(name + " must be between " + MIN_TTL + " and " + max + " seconds");
        }
        return seconds;
    }

    /** RFC 7591 §3.2.2: metadata that cannot be registered is 400 invalid_client_metadata. */
    private static ApiException metadata(String description) {
        return new ApiException(ErrorCode.INVALID_CLIENT_METADATA, description);
    }
}
