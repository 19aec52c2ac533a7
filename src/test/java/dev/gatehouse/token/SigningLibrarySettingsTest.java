package dev.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * application.properties sets SmallRye JWT Build's per-signature settings only so that each lookup
 * is found there (AccessTokenIssuer's hot path); their values must stay the library's defaults, one
 * of which keeps the signing key's validation strict.
 */
class SigningLibrarySettingsTest {

    private static final Map<String, String> LIBRARY_DEFAULTS = Map.of(
            "smallrye.jwt.new-token.add-default-claims", "true",
            "smallrye.jwt.new-token.override-matching-claims", "false",
            "smallrye.jwt.sign.relax-key-validation", "false");

    @Test
    void perSignatureSettingsAreTheLibrarysDefaults() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        LIBRARY_DEFAULTS.forEach((name, value) -> assertEquals(value, properties.getProperty(name), name));
    }
}
