package dev.gatehouse.keys;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /oauth2/jwks}: the RFC 7517 JWK Set of every key that can still verify a token. */
@Path("/oauth2/jwks")
public class JwksResource {

    private final KeyRing ring;

    public JwksResource(KeyRing ring) {
        this.ring = ring;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        return Response.ok(ring.jwks())
                .header("Cache-Control", "public, max-age=300")
                .build();
    }
}
