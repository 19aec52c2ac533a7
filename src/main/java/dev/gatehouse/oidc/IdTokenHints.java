package dev.gatehouse.oidc;

import dev.gatehouse.config.Issuer;
import dev.gatehouse.keys.KeyRing;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Reads an {@code id_token_hint} (RP-Initiated Logout 1.0 §2): an ID token Gatehouse signed
 * ({@code typ: JWT}, a key of the ring, our issuer), expired or not, since a relying party logs
 * out with the last ID token it has.
 */
@ApplicationScoped
public class IdTokenHints {

    /** Whom the hint names: the user, the client it was issued to, the browser session. */
    public record Hint(String userId, String clientId, String sid) {}

    private final JwtConsumer consumer;
    private final String issuer;

    public IdTokenHints(KeyRing ring, Issuer issuer) {
        this.issuer = issuer.issuer();
        this.consumer = new JwtConsumerBuilder()
                .setExpectedType(true, "JWT")
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256", "ES256", "EdDSA")
                .setVerificationKeyResolver(ring.verificationKeys())
                // RP-Initiated Logout §2: an expired ID token is still a good hint; the signature is what counts
                .setSkipAllValidators()
                .build();
    }

    /** The hint, or null when it is not an ID token Gatehouse issued. */
    public Hint read(String idToken) {
        if (idToken == null || idToken.length() > 8192) {
            return null;
        }
        try {
            JwtClaims claims = consumer.processToClaims(idToken);
            List<String> audiences = claims.getAudience();
            if (!issuer.equals(claims.getIssuer()) || claims.getSubject() == null || audiences.size() != 1) {
                return null;
            }
            return new Hint(claims.getSubject(), audiences.get(0), claims.getStringClaimValue("sid"));
        } catch (Exception e) {
            // the message of a JOSE failure can quote the token: log only what failed
            Log.debugf("id_token_hint refused: %s", e.getClass().getSimpleName());
            return null;
        }
    }
}
