package dev.gatehouse.token;

import dev.gatehouse.config.Issuer;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.keys.KeyRing;
import dev.gatehouse.oauth.protocol.Scopes;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * Verifies our own access tokens offline: signature by a key of the ring (the algorithm must be
 * the key's own, so {@code alg: none} and algorithm confusion fail), {@code typ: at+jwt}, issuer
 * and lifetime, and that an audience is named. Which audience a use needs is the caller's
 * question: Gatehouse's own API wants its own ({@link AccessTokenMechanism}), introspection answers
 * for any. Revocation is checked separately, in the denylist. A token verified once is not
 * verified again while it is valid ({@link VerifiedTokenCache}).
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private static final int CLOCK_SKEW_SECONDS = 5;

    private final KeyRing ring;
    private final JwtConsumer consumer;
    private final VerifiedTokenCache verified;

    public AccessTokenVerifier(KeyRing ring, Issuer issuer, VerifiedTokenCache verified) {
        this.ring = ring;
        this.verified = verified;
        this.consumer = new JwtConsumerBuilder()
                // RFC 9068 §4: the typ header must be at+jwt
                .setExpectedType(true, "at+jwt")
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256", "ES256", "EdDSA")
                .setVerificationKeyResolver(ring.verificationKeys())
                .setExpectedIssuer(issuer.issuer())
                // RFC 9068 §2.2: aud is required; which one is acceptable depends on the use
                .setSkipDefaultAudienceValidation()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .build();
    }

    /** The token's claims, or an {@code invalid_token} ApiException saying nothing of why. */
    public AccessTokenClaims verify(String token) {
        Instant now = Instant.now();
        AccessTokenClaims known =
                verified.get(token, now, kid -> ring.find(kid, now).isPresent());
        if (known != null) {
            return known;
        }
        try {
            JwtContext context = consumer.process(token);
            AccessTokenClaims claims = toClaims(context.getJwtClaims());
            verified.put(token, context.getJoseObjects().get(0).getKeyIdHeaderValue(), claims);
            return claims;
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            // the message of a JOSE failure can quote the token itself: log only what failed
            Log.debugf("Access token refused: %s", e.getClass().getSimpleName());
            throw ApiException.invalidToken("The access token is invalid or expired");
        }
    }

    /** The token's claims, or null when it does not verify (for endpoints where that is no error). */
    public AccessTokenClaims verifyOrNull(String token) {
        try {
            return verify(token);
        } catch (ApiException e) {
            return null;
        }
    }

    private static AccessTokenClaims toClaims(JwtClaims claims) throws MalformedClaimException {
        String jti = claims.getJwtId();
        String clientId = claims.getStringClaimValue("client_id");
        String subject = claims.getSubject();
        String email = claims.getStringClaimValue("email");
        boolean userToken = email != null;
        List<String> audiences = claims.getAudience();
        if (audiences.isEmpty()) {
            throw new MalformedClaimException("no aud");
        }
        return new AccessTokenClaims(
                jti,
                subject,
                userToken ? subject : null,
                clientId,
                Set.copyOf(audiences),
                Scopes.parse(claims.getStringClaimValue("scope")),
                roles(claims),
                email,
                claims.getStringClaimValue("sid"),
                Instant.ofEpochSecond(claims.getIssuedAt().getValue()),
                Instant.ofEpochSecond(claims.getExpirationTime().getValue()),
                TokenIds.issuedAtMillis(jti),
                jkt(claims));
    }

    /** RFC 9449 §6.1: {@code cnf.jkt}, the thumbprint of the key a DPoP-bound token is bound to. */
    private static String jkt(JwtClaims claims) throws MalformedClaimException {
        Object cnf = claims.getClaimValue("cnf");
        if (cnf == null) {
            return null;
        }
        if (!(cnf instanceof Map<?, ?> confirmation) || !(confirmation.get("jkt") instanceof String jkt)) {
            throw new MalformedClaimException("cnf without jkt");
        }
        return jkt;
    }

    private static Set<String> roles(JwtClaims claims) throws MalformedClaimException {
        List<String> groups = claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of();
        return Set.copyOf(groups);
    }
}
