package dev.gatehouse.support;

import dev.gatehouse.http.ClientIp;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A route that exists only in tests: {@code GET /test-support/peer} answers the client address
 * the server believes in ({@link ClientIp#address}, which reads {@code X-Forwarded-For} only
 * from a trusted proxy). The application itself exposes no such
 * observable, so proxy-trust tests use this one.
 */
@ApplicationScoped
public class PeerEcho {

    /** Path of the route. */
    public static final String PATH = "/test-support/peer";

    void register(@Observes Router router) {
        router.get(PATH)
                .handler(context -> context.response()
                        .putHeader("Content-Type", "text/plain")
                        .end(String.valueOf(ClientIp.address(context.request()))));
    }
}
