package dev.gatehouse.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.token.GatehouseScopes;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code /api/**} endpoint needs a Gatehouse scope ({@code @PermissionsAllowed}): that is
 * what makes Quarkus run {@link AccessTokenMechanism}, which checks the token's audience and counts
 * the request limit (in the same Redis round trip as the denylist). An endpoint without it would
 * escape both; an admin endpoint must ask for the admin scope.
 */
class ApiResourcesTest {

    @Test
    void everyApiEndpointNeedsAGatehouseScopeAndEveryAdminEndpointTheAdminScope() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(AccessTokenMechanism.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> endpoints = new ArrayList<>();
        List<String> unbound = new ArrayList<>();
        List<String> adminWithoutAdminScope = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file :
                    files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".")
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
                    PermissionsAllowed required = method.getAnnotation(PermissionsAllowed.class) != null
                            ? method.getAnnotation(PermissionsAllowed.class)
                            : type.getAnnotation(PermissionsAllowed.class);
                    String endpoint = type.getSimpleName() + "." + method.getName();
                    if (required == null) {
                        unbound.add(endpoint);
                    } else if (path.value().startsWith("/api/admin")
                            && !List.of(required.value()).equals(List.of(GatehouseScopes.ADMIN))) {
                        adminWithoutAdminScope.add(endpoint);
                    }
                }
            }
        }
        assertTrue(endpoints.size() >= 10, "the scan found the /api endpoints: " + endpoints);
        assertEquals(
                List.of(),
                unbound,
                "/api endpoints without @PermissionsAllowed escape authentication and the request limit");
        assertEquals(List.of(), adminWithoutAdminScope, "/api/admin endpoints must need " + GatehouseScopes.ADMIN);
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
