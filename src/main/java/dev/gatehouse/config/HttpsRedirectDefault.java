package dev.gatehouse.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns HTTPS on from two plain settings and makes plain HTTP redirect to it.
 *
 * <p>{@code gatehouse.tls.cert-file} and {@code gatehouse.tls.key-file} ({@code GATEHOUSE_TLS_CERT_FILE},
 * {@code GATEHOUSE_TLS_KEY_FILE}) become the default TLS registry key store
 * ({@code quarkus.tls.key-store.pem.0.cert/key}): Quarkus's own environment-variable form of
 * those names is ambiguous and is not picked up. Whenever the server has a certificate — from
 * these settings or from {@code quarkus.tls.key-store.*} / {@code quarkus.http.ssl.certificate.*}
 * set directly — this source also supplies {@code quarkus.http.insecure-requests=redirect}, which
 * cannot be written in application.properties because Quarkus refuses it without a certificate.
 *
 * <p>Its ordinal is below application.properties and the environment, so an explicit setting
 * (e.g. {@code QUARKUS_HTTP_INSECURE_REQUESTS=disabled}) wins. Registered in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class HttpsRedirectDefault implements ConfigSourceFactory {

    static final String INSECURE_REQUESTS = "quarkus.http.insecure-requests";
    static final String CERT_FILE = "gatehouse.tls.cert-file";
    static final String KEY_FILE = "gatehouse.tls.key-file";
    static final int ORDINAL = 150;
    /** Key-store property names, in a normalised form where env-var and dotted names agree. */
    private static final Set<String> CERTIFICATE_NAMES = Set.of(
            "quarkus.tls.key.store.p12.path", "quarkus.tls.key.store.jks.path",
            "quarkus.http.ssl.certificate.files", "quarkus.http.ssl.certificate.key.store.file");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new HashMap<>();
        Optional<String> cert = value(context.getValue(CERT_FILE));
        Optional<String> key = value(context.getValue(KEY_FILE));
        if (cert.isPresent() && key.isPresent()) {
            properties.put("quarkus.tls.key-store.pem.0.cert", cert.get());
            properties.put("quarkus.tls.key-store.pem.0.key", key.get());
        }
        if (!properties.isEmpty() || certificateConfigured(context)) {
            properties.put(INSECURE_REQUESTS, "redirect");
        }
        return properties.isEmpty()
                ? List.of()
                : List.of(new PropertiesConfigSource(properties, "gatehouse-https", ORDINAL));
    }

    static boolean certificateConfigured(ConfigSourceContext context) {
        for (Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
            String name = names.next();
            String unprofiled = activeName(name, context.getProfiles());
            if (unprofiled != null
                    && isCertificateProperty(unprofiled)
                    && value(context.getValue(name)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** True for a key-store property of the default TLS configuration, in dotted or env-var form. */
    static boolean isCertificateProperty(String name) {
        String normalised = name.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
        return CERTIFICATE_NAMES.contains(normalised)
                || normalised.startsWith("quarkus.tls.key.store.pem.") && normalised.endsWith(".cert");
    }

    /** The name without its {@code %profile.} prefix, or null when that profile is not active. */
    private static String activeName(String name, List<String> activeProfiles) {
        if (!name.startsWith("%")) {
            return name;
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return null;
        }
        for (String profile : name.substring(1, dot).split(",")) {
            if (activeProfiles.contains(profile.trim())) {
                return name.substring(dot + 1);
            }
        }
        return null;
    }

    /** A value someone configured: not blank, and not one of the extensions' built-in defaults. */
    private static Optional<String> value(ConfigValue value) {
        if (value == null
                || value.getValue() == null
                || value.getValue().isBlank()
                || value.getConfigSourceOrdinal() == Integer.MIN_VALUE) {
            return Optional.empty();
        }
        return Optional.of(value.getValue().trim());
    }
}
