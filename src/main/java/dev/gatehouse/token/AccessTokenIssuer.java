package dev.gatehouse.token;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.Issuer;
import dev.gatehouse.keys.KeyRing;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Mints RFC 9068 access tokens, signed with the ring's active key. */
@ApplicationScoped
public class AccessTokenIssuer {

    /** The {@code client_id} of tokens from the first-party {@code /auth/*} endpoints. */
    public static final String FIRST_PARTY_CLIENT = "gatehouse";

    /**
     * What a token is for: everything but the signature and the times. {@code audiences} are the
     * resources it may be presented to (RFC 9068 §3: at least one); {@code jkt} the thumbprint of
     * the DPoP key it is bound to (RFC 9449 §6.1), or null.
     */
    public record Grant(
            String subject,
            String clientId,
            Set<String> audiences,
            String scope,
            Set<String> roles,
            String email,
            String sessionId,
            String jkt) {}

    /** A signed token and its lifetime in seconds. */
    public record IssuedToken(String token, String jti, long expiresIn) {}

    private final KeyRing ring;
    private final Issuer issuer;
    private final Duration defaultTtl;

    public AccessTokenIssuer(KeyRing ring, Issuer issuer, GatehouseConfig config) {
        this.ring = ring;
        this.issuer = issuer;
        this.defaultTtl = config.token().accessTtl();
    }

    public Duration defaultTtl() {
        return defaultTtl;
    }

    public IssuedToken issue(Grant grant) {
        return issue(grant, defaultTtl);
    }

    public IssuedToken issue(Grant grant, Duration ttl) {
        KeyRing.ActiveKey key = ring.active();
        long nowMillis = System.currentTimeMillis();
        long iat = nowMillis / 1000;
        String jti = TokenIds.newId(nowMillis).toString();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(issuer.issuer())
                .subject(grant.subject())
                .issuedAt(iat)
                .expiresAt(iat + ttl.toSeconds())
                .claim("jti", jti)
                .claim("client_id", grant.clientId())
                .claim("scope", grant.scope());
        // one audience as a string, several as an array (RFC 7519 §4.1.3)
        if (grant.audiences().size() == 1) {
            claims.audience(grant.audiences().iterator().next());
        } else {
            claims.audience(grant.audiences());
        }
        if (grant.roles() != null && !grant.roles().isEmpty()) {
            claims.groups(grant.roles());
        }
        if (grant.email() != null) {
            claims.claim("email", grant.email());
        }
        if (grant.sessionId() != null) {
            claims.claim("sid", grant.sessionId());
        }
        if (grant.jkt() != null) {
            // RFC 9449 §6.1: the confirmation of the key the token is bound to
            claims.claim("cnf", Map.of("jkt", grant.jkt()));
        }
        String token = claims.jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.alg().name()))
                .header("typ", "at+jwt")
                .sign(key.privateKey());
        return new IssuedToken(token, jti, ttl.toSeconds());
    }
}
