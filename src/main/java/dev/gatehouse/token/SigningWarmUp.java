package dev.gatehouse.token;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Set;

/**
 * Signs and verifies one throwaway token on a worker thread once the signing keys are loaded, while
 * the HTTP server starts: the first signature of a JVM loads and links the JOSE and JCA classes and
 * initialises the key (tens of milliseconds on JDK 25, more without an AOT cache), and the replica's
 * first client would otherwise wait for it. The token names no one, lives a second and is never sent.
 */
@ApplicationScoped
public class SigningWarmUp {

    private static final Duration LIFETIME = Duration.ofSeconds(1);

    private final AccessTokenIssuer issuer;
    private final AccessTokenVerifier verifier;
    private final Vertx vertx;

    public SigningWarmUp(AccessTokenIssuer issuer, AccessTokenVerifier verifier, Vertx vertx) {
        this.issuer = issuer;
        this.verifier = verifier;
        this.vertx = vertx;
    }

    /** After {@code SigningKeys} (default priority) has loaded the active key. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        vertx.executeBlocking(this::signAndVerify, false)
                .onFailure(e ->
                        Log.debugf("Signing warm-up skipped: %s", e.getClass().getSimpleName()));
    }

    private boolean signAndVerify() {
        AccessTokenIssuer.Grant grant =
                new AccessTokenIssuer.Grant("warm-up", "warm-up", Set.of("warm-up"), "", Set.of(), null, null, null);
        return verifier.verifyOrNull(issuer.issue(grant, LIFETIME).token()) != null;
    }
}
