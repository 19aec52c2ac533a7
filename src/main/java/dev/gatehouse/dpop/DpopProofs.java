package dev.gatehouse.dpop;

import dev.gatehouse.config.Issuer;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Checks the DPoP proof of a request (RFC 9449 §4.3): the proof itself ({@link ProofVerifier}), the
 * server nonce when one is required (§8, {@link DpopNonces}), and that it was never used before on
 * any replica (§11.1, {@link ReplayMarks}). The target URI a proof must name is built from the
 * configured issuer and the request path, never from headers a client or proxy could set.
 */
@ApplicationScoped
public class DpopProofs {

    /** RFC 9449 §4.1 request header. */
    public static final String HEADER = "DPoP";
    /** RFC 9449 §8 response header. */
    public static final String NONCE_HEADER = "DPoP-Nonce";
    /** RFC 9449 §5.1 {@code dpop_signing_alg_values_supported}. */
    public static final List<String> ALGORITHMS = ProofVerifier.ALGORITHMS;

    /**
     * A proof that passed every check: its key's thumbprint ({@code jkt}), and a nonce to send in
     * {@code DPoP-Nonce} with the answer (null: none, the proof's own is current).
     */
    public record Proven(String jkt, String nextNonce) {}

    private final ProofVerifier verifier;
    private final DpopNonces nonces;
    private final ReplayMarks replays;
    private final Issuer issuer;

    public DpopProofs(ProofVerifier verifier, DpopNonces nonces, ReplayMarks replays, Issuer issuer) {
        this.verifier = verifier;
        this.nonces = nonces;
        this.replays = replays;
        this.issuer = issuer;
    }

    /**
     * Checks the proofs sent in the {@code DPoP} headers of a request with {@code method} to
     * {@code path} of this server, carrying {@code accessToken} (null at the token endpoint). Fails
     * with 400 {@code invalid_dpop_proof} or {@code use_dpop_nonce} (with a {@code DPoP-Nonce} header).
     */
    public Uni<Proven> check(List<String> proofs, String method, String path, String accessToken) {
        return Uni.createFrom().deferred(() -> {
            // RFC 9449 §4.3 step 1: exactly one DPoP header
            if (proofs.size() != 1) {
                throw ProofVerifier.invalid("Send exactly one DPoP header");
            }
            DpopProof proof =
                    verifier.verify(proofs.get(0), method, TargetUris.normalize(issuer.issuer() + path), accessToken);
            // RFC 9449 §4.3 step 10, §8: the proof carries a nonce this server issued
            if (nonces.required() && !nonces.accepts(proof.nonce())) {
                throw new ApiException(
                                ErrorCode.USE_DPOP_NONCE,
                                "The DPoP proof must carry the nonce in the DPoP-Nonce header")
                        .withHeader(NONCE_HEADER, nonces.current());
            }
            String next = nonces.required() && !nonces.current().equals(proof.nonce()) ? nonces.current() : null;
            return replays.firstUse(proof).map(first -> {
                // RFC 9449 §11.1: a proof is used once, on any replica
                if (!first) {
                    throw ProofVerifier.invalid("The DPoP proof was already used");
                }
                return new Proven(proof.jkt(), next);
            });
        });
    }
}
