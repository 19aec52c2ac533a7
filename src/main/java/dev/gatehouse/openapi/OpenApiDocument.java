package dev.gatehouse.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves {@code META-INF/openapi.yaml}, the whole OpenAPI document of the API contract, at
 * {@code /q/openapi} on the management port: as written, or as JSON with {@code ?format=json} or
 * {@code Accept: application/json}. The file is read, and the JSON made, on the first request,
 * so a replica spends nothing on the document at start (SmallRye OpenAPI's extension parses and
 * filters its document eagerly at every start in Quarkus 3.33, quarkusio/quarkus#54826).
 */
@ApplicationScoped
public class OpenApiDocument {

    static final String PATH = "/q/openapi";
    private static final String RESOURCE = "META-INF/openapi.yaml";

    private final ObjectMapper mapper;
    private volatile Buffer yaml;
    private volatile Buffer json;

    public OpenApiDocument(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(@Observes ManagementInterface management) {
        management.router().get(PATH).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        boolean asJson = "json".equalsIgnoreCase(context.request().getParam("format"))
                || (context.request().getParam("format") == null
                        && acceptsJsonOnly(context.request().getHeader("Accept")));
        Buffer ready = asJson ? json : yaml;
        if (ready != null) {
            send(context, asJson, ready);
            return;
        }
        // the first request of each form reads the file (and converts it) on a worker thread
        context.vertx().executeBlocking(() -> asJson ? json() : yaml(), false).onComplete(done -> {
            if (done.failed()) {
                context.fail(done.cause());
            } else {
                send(context, asJson, done.result());
            }
        });
    }

    private static void send(RoutingContext context, boolean asJson, Buffer document) {
        context.response()
                .putHeader("Content-Type", asJson ? "application/json;charset=UTF-8" : "application/yaml;charset=UTF-8")
                .end(document);
    }

    private static boolean acceptsJsonOnly(String accept) {
        return accept != null && accept.contains("application/json") && !accept.contains("yaml");
    }

    private Buffer yaml() {
        Buffer read = yaml;
        if (read == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the application");
                }
                read = Buffer.buffer(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            yaml = read;
        }
        return read;
    }

    private Buffer json() throws IOException {
        Buffer made = json;
        if (made == null) {
            made = Buffer.buffer(mapper.writeValueAsBytes(new YAMLMapper().readTree(yaml().getBytes())));
            json = made;
        }
        return made;
    }
}
