package dev.gatehouse.oidc;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.Issuer;
import dev.gatehouse.keys.KeyRing;
import dev.gatehouse.keys.SigningAlgorithm;
import dev.gatehouse.user.UserAccount;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Mints OpenID Connect ID tokens (OIDC Core §2), signed with the ring's active key like access
 * tokens but typed {@code JWT}, so neither can pass for the other ({@code AccessTokenVerifier}
 * wants {@code at+jwt}).
 */
@ApplicationScoped
public class IdTokenIssuer {

    /** The only way Gatehouse authenticates a person: a password (RFC 8176 §2). */
    static final List<String> AMR = List.of("pwd");
    /** A single-factor password login: NIST SP 800-63B AAL1 (OIDC Core §2: {@code acr}). */
    static final String ACR = "1";

    private final KeyRing ring;
    private final Issuer issuer;
    private final Duration ttl;

    public IdTokenIssuer(KeyRing ring, Issuer issuer, GatehouseConfig config) {
        this.ring = ring;
        this.issuer = issuer;
        this.ttl = config.oidc().idTokenTtl();
    }

    /**
     * An ID token for {@code clientId} about {@code user}, with the claims the scopes release.
     * {@code nonce} is null when the request had none, and always on refresh (OIDC Core §12.2).
     */
    public String issue(
            String clientId,
            UserAccount user,
            Set<String> scopes,
            Authentication auth,
            String nonce,
            String accessToken) {
        KeyRing.ActiveKey key = ring.active();
        long iat = System.currentTimeMillis() / 1000;
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(issuer.issuer())
                .audience(clientId)
                .issuedAt(iat)
                .expiresAt(iat + ttl.toSeconds())
                .claim("auth_time", auth.authTime())
                .claim("azp", clientId)
                .claim("amr", AMR)
                .claim("acr", ACR)
                .claim("at_hash", atHash(accessToken, key.alg()));
        UserClaims.of(user, scopes).forEach(claims::claim);
        if (auth.sid() != null) {
            claims.claim("sid", auth.sid());
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return claims.jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.alg().name()))
                .header("typ", "JWT")
                .sign(key.privateKey());
    }

    /**
     * OIDC Core §3.1.3.6: the left half of the hash of the access token, with the hash of the
     * signing algorithm (SHA-256 for RS256 and ES256, SHA-512 for EdDSA with Ed25519).
     */
    static String atHash(String accessToken, SigningAlgorithm alg) {
        try {
            MessageDigest digest = MessageDigest.getInstance(alg == SigningAlgorithm.EdDSA ? "SHA-512" : "SHA-256");
            byte[] hash = digest.digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, hash.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
