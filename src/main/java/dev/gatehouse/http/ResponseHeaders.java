package dev.gatehouse.http;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers are not cached unless a resource says otherwise (JWKS, discovery): most carry a token,
 * a secret or account data, which the contract says must be {@code Cache-Control: no-store}.
 */
public class ResponseHeaders {

    @ServerResponseFilter
    public void noStoreByDefault(ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
