package dev.gatehouse.support;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A route that exists only in tests: {@code GET /test-support/peer} answers the client address
 * the server believes in ({@code remoteAddress()}, which Quarkus replaces with
 * {@code X-Forwarded-For} only for a trusted proxy). The application itself exposes no such
 * observable, so proxy-trust tests use this one.
 */
@ApplicationScoped
public class PeerEcho {

    /** Path of the route. */
    public static final String PATH = "/test-support/peer";

    void register(@Observes Router router) {
        router.get(PATH).handler(context -> context.response()
                .putHeader("Content-Type", "text/plain")
                .end(context.request().remoteAddress().hostAddress()));
    }
}
