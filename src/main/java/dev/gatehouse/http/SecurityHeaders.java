package dev.gatehouse.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The headers the contract puts on every response: {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer} always, and {@code Strict-Transport-Security} only on a
 * response served over HTTPS — directly over TLS, or behind a proxy whose
 * {@code X-Forwarded-Proto: https} Quarkus accepted because the proxy is trusted
 * ({@code quarkus.http.proxy.*}). A browser ignores HSTS received over plain HTTP, and sending it
 * there would claim a protection the connection does not have.
 *
 * <p>Headers are added just before the response head is written, so error answers made anywhere
 * (404, 405, 413, 415, 500 …) carry them too; a header a resource set itself is kept.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** One year, subdomains included: the value the contract and the HSTS preload list expect. */
    static final String HSTS_VALUE = "max-age=31536000; includeSubDomains";

    static final String HSTS = "Strict-Transport-Security";

    /** Arranges for the security headers to be added to the response of this request. */
    void applyTo(RoutingContext context) {
        // scheme() is "https" for a TLS connection, or when a trusted proxy said so.
        boolean https = "https".equalsIgnoreCase(context.request().scheme());
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            putIfAbsent(headers, "X-Content-Type-Options", "nosniff");
            putIfAbsent(headers, "Referrer-Policy", "no-referrer");
            if (https) {
                putIfAbsent(headers, HSTS, HSTS_VALUE);
            } else {
                headers.remove(HSTS);
            }
        });
    }

    private static void putIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
