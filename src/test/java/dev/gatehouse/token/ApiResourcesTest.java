package dev.gatehouse.token;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code /api/**} request limit is counted by {@link BearerAuthFilter} (in the same Redis
 * round trip as the denylist), so an {@code /api} endpoint without a bearer token would escape it.
 */
class ApiResourcesTest {

    @Test
    void everyApiEndpointTakesABearerToken() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(
                BearerAuthFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> endpoints = new ArrayList<>();
        List<String> unbound = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                Path path = type.getAnnotation(Path.class);
                if (path == null || !path.value().startsWith("/api")) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    if (!isEndpoint(method)) {
                        continue;
                    }
                    endpoints.add(type.getSimpleName() + "." + method.getName());
                    if (method.getAnnotation(BearerToken.class) == null && type.getAnnotation(BearerToken.class) == null) {
                        unbound.add(type.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        assertTrue(endpoints.size() >= 10, "the scan found the /api endpoints: " + endpoints);
        assertEquals(List.of(), unbound, "/api endpoints without @BearerToken escape the request limit");
    }

    private static boolean isEndpoint(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}
