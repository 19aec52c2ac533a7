package dev.gatehouse.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.gatehouse.support.TestIssuer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A client's DPoP key, made at test time: proofs from the unmodified Nimbus {@link DefaultDPoPProofFactory},
 * and hand-made ones for the negative tests (each changes one thing of a correct proof).
 */
final class DpopKey {

    final ECKey key;
    private final DefaultDPoPProofFactory factory;

    private DpopKey(ECKey key) throws JOSEException {
        this.key = key;
        this.factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
    }

    static DpopKey generate() {
        try {
            return new DpopKey(new ECKeyGenerator(Curve.P_256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7638 thumbprint, as in {@code cnf.jkt}. */
    String jkt() {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof for a request with this method to this path of the server under test (no access token). */
    String proof(String method, String path) {
        try {
            return factory.createDPoPJWT(method, URI.create(TestIssuer.url(path)))
                    .serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof carrying {@code ath} of the access token (and a nonce, if not null). */
    String proof(String method, String path, String accessToken, String nonce) {
        try {
            return factory.createDPoPJWT(
                            method,
                            URI.create(TestIssuer.url(path)),
                            new DPoPAccessToken(accessToken),
                            nonce == null ? null : new Nonce(nonce))
                    .serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A correct proof's header and claims, changed by {@code header} and {@code claims}, signed with this key. */
    String custom(
            String method,
            String url,
            String accessToken,
            UnaryOperator<JWSHeader.Builder> header,
            UnaryOperator<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", method)
                .claim("htu", url)
                .issueTime(new Date());
        if (accessToken != null) {
            body.claim("ath", ath(accessToken));
        }
        JWSHeader.Builder head = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK());
        try {
            SignedJWT jwt =
                    new SignedJWT(header.apply(head).build(), claims.apply(body).build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A correct proof but for a header {@code jwk} that holds the private key too (Nimbus refuses to build one). */
    String withPrivateJwk(String method, String url) {
        return withJwk(key.toJSONString(), method, url);
    }

    /** A correct proof signed with this key but for a header {@code jwk} of this raw JSON (any key, even an invalid one). */
    String withJwk(String jwkJson, String method, String url) {
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + jwkJson + "}";
        String claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", method)
                .claim("htu", url)
                .issueTime(new Date())
                .build()
                .toString();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] signature = new ECDSASigner(key)
                    .sign(new JWSHeader(JWSAlgorithm.ES256), input.getBytes(StandardCharsets.US_ASCII))
                    .decode();
            return input + "." + b64.encodeToString(signature);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String ath(String accessToken) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
