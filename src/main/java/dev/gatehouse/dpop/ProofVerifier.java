package dev.gatehouse.dpop;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.crypto.Es256Signatures;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * The checks of RFC 9449 §4.3 that need no state: the proof's form, header, signature and claims.
 * The server nonce ({@link DpopNonces}) and replay ({@link ReplayMarks}) are checked by
 * {@link DpopProofs}. One signature verification per proof, with the key the proof carries; no I/O.
 */
@ApplicationScoped
class ProofVerifier {

    /** RFC 9449 §5.1 {@code dpop_signing_alg_values_supported}: asymmetric algorithms only, never {@code none} or HMAC. */
    static final List<String> ALGORITHMS = List.of("ES256", "ES384", "PS256", "RS256", "EdDSA");
    /** Longer than any proof with an RSA-4096 key and a nonce; refused before parsing. */
    private static final int MAX_LENGTH = 4096;

    private static final String ES256 = "ES256";
    private static final int MAX_JTI = 256;
    /** JWK members that only a private key has (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2; {@code k}: a symmetric key). */
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private final AlgorithmConstraints algorithms =
            new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS.toArray(String[]::new));
    private final Duration maxAge;
    private final Duration clockSkew;

    ProofVerifier(GatehouseConfig config) {
        this.maxAge = config.dpop().proofMaxAge();
        this.clockSkew = config.dpop().clockSkew();
    }

    /**
     * The proof, checked for a request with this method to this (normalised) target URI, carrying
     * {@code accessToken} (null at the token endpoint); 400 {@code invalid_dpop_proof} otherwise.
     */
    DpopProof verify(String proof, String method, String targetUri, String accessToken) {
        // RFC 9449 §4.3 step 2: a single, well-formed JWT
        if (proof == null || proof.isBlank() || proof.length() > MAX_LENGTH) {
            throw invalid("The DPoP proof is missing or too long");
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(proof.trim());
            // RFC 9449 §4.3 step 4
            if (!"dpop+jwt".equals(jws.getHeader("typ"))) {
                throw invalid("The DPoP proof's typ must be dpop+jwt");
            }
            // RFC 9449 §4.3 step 5: a supported asymmetric algorithm
            if (!ALGORITHMS.contains(jws.getAlgorithmHeaderValue())) {
                throw invalid("The DPoP proof's alg must be one of " + String.join(" ", ALGORITHMS));
            }
            PublicJsonWebKey jwk = publicKey(jws);
            // RFC 9449 §4.3 step 6: the signature verifies with the key the proof carries
            if (!verifies(jws, jwk)) {
                throw invalid("The DPoP proof's signature does not verify with its jwk");
            }
            JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
            return checkClaims(claims, jwk, method, targetUri, accessToken);
        } catch (JoseException
                | MalformedClaimException
                | org.jose4j.jwt.consumer.InvalidJwtException
                | RuntimeException e) {
            if (e instanceof ApiException refused) {
                throw refused;
            }
            // a JOSE message can quote the proof: log only what failed
            Log.debugf("DPoP proof refused: %s", e.getClass().getSimpleName());
            throw invalid("The DPoP proof is not a well-formed signed JWT");
        }
    }

    /** RFC 9449 §4.3 steps 3 and 7: the header carries a public key, and no private part of one. */
    private static PublicJsonWebKey publicKey(JsonWebSignature jws) throws JoseException {
        Object jwk = jws.getHeaders().getObjectHeaderValue("jwk");
        if (!(jwk instanceof java.util.Map<?, ?> members)) {
            throw invalid("The DPoP proof has no jwk header");
        }
        if (PRIVATE_MEMBERS.stream().anyMatch(members::containsKey)) {
            throw invalid("The DPoP proof's jwk must be a public key");
        }
        @SuppressWarnings("unchecked")
        PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk((java.util.Map<String, Object>) members);
        return key;
    }

    /**
     * One signature verification: ES256, the algorithm nearly every DPoP client uses, with
     * {@link Es256Signatures} (a P-256 key only); the others with jose4j and the JDK.
     */
    private boolean verifies(JsonWebSignature jws, PublicJsonWebKey jwk) throws JoseException {
        if (ES256.equals(jws.getAlgorithmHeaderValue())) {
            if (!(jwk instanceof EllipticCurveJsonWebKey ec)
                    || !EllipticCurves.P_256.equals(ec.getCurveName())
                    || !(ec.getPublicKey() instanceof ECPublicKey key)) {
                throw invalid("The DPoP proof's jwk must be a P-256 key for ES256");
            }
            String signingInput = jws.getHeaders().getEncodedHeader() + "." + jws.getEncodedPayload();
            return Es256Signatures.verify(
                    key.getW().getAffineX(),
                    key.getW().getAffineY(),
                    signingInput.getBytes(StandardCharsets.US_ASCII),
                    Base64Url.decode(jws.getEncodedSignature()));
        }
        jws.setAlgorithmConstraints(algorithms);
        jws.setKey(jwk.getPublicKey());
        return jws.verifySignature();
    }

    private DpopProof checkClaims(
            JwtClaims claims, PublicJsonWebKey jwk, String method, String targetUri, String accessToken)
            throws MalformedClaimException {
        String jti = claims.getJwtId();
        String htm = claims.getStringClaimValue("htm");
        String htu = claims.getStringClaimValue("htu");
        NumericDate iat = claims.getIssuedAt();
        // RFC 9449 §4.3 step 3: jti, htm, htu and iat are required
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI || htm == null || htu == null || iat == null) {
            throw invalid("The DPoP proof must carry jti, htm, htu and iat");
        }
        // RFC 9449 §4.3 step 8
        if (!htm.equals(method)) {
            throw invalid("The DPoP proof's htm does not match the request method");
        }
        // RFC 9449 §4.3 step 9: compared after normalisation, without query and fragment
        String presentedUri = TargetUris.normalize(htu);
        if (presentedUri == null || !presentedUri.equals(targetUri)) {
            throw invalid("The DPoP proof's htu does not match the request URI");
        }
        // RFC 9449 §4.3 step 11, §11.1: made within the accepted window
        Instant issued = Instant.ofEpochSecond(iat.getValue());
        Instant now = Instant.now();
        if (issued.isBefore(now.minus(maxAge)) || issued.isAfter(now.plus(clockSkew))) {
            throw invalid("The DPoP proof's iat is outside the accepted window");
        }
        // RFC 9449 §4.3 step 12: bound to the access token presented with it
        if (accessToken != null && !ath(accessToken).equals(claims.getStringClaimValue("ath"))) {
            throw invalid("The DPoP proof's ath does not match the access token");
        }
        // RFC 7638: the thumbprint the tokens are bound to (cnf.jkt, RFC 9449 §6.1)
        String jkt = jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        return new DpopProof(jkt, jti, presentedUri, issued, claims.getStringClaimValue("nonce"));
    }

    /** RFC 9449 §4.2: {@code ath} is the base64url SHA-256 of the access token's ASCII bytes. */
    static String ath(String accessToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64Url.encode(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static ApiException invalid(String description) {
        return new ApiException(ErrorCode.INVALID_DPOP_PROOF, description);
    }
}
