package dev.gatehouse.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the master key comes from: {@code gatehouse.master-key} (the value itself, e.g. from the
 * environment) or {@code gatehouse.master-key-file} (a path to a file holding it, e.g. a mounted
 * Kubernetes Secret). Exactly one may be set; both is a configuration error, because silently
 * preferring one would hide which key actually encrypts the signing keys.
 */
public final class MasterKeySetting {

    private MasterKeySetting() {}

    /**
     * The configured master key in base64, trimmed; empty when neither setting is present.
     *
     * @throws IllegalStateException when both settings are present, or the file cannot be read or is empty
     */
    public static Optional<String> read(GatehouseConfig config) {
        Optional<String> value = config.masterKey().filter(v -> !v.isBlank());
        Optional<String> file = config.masterKeyFile().filter(v -> !v.isBlank());
        if (value.isPresent() && file.isPresent()) {
            throw new IllegalStateException("set either gatehouse.master-key (GATEHOUSE_MASTER_KEY) or "
                    + "gatehouse.master-key-file (GATEHOUSE_MASTER_KEY_FILE), not both");
        }
        if (file.isPresent()) {
            return Optional.of(readFile(Path.of(file.get().trim())));
        }
        return value.map(String::trim);
    }

    private static String readFile(Path path) {
        String content;
        try {
            content = Files.readString(path, StandardCharsets.UTF_8).trim();
        } catch (IOException | SecurityException e) {
            // The path is configuration, not a secret; the content never appears in a message.
            throw new IllegalStateException("gatehouse.master-key-file " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (content.isEmpty()) {
            throw new IllegalStateException("gatehouse.master-key-file " + path + " is empty");
        }
        return content;
    }
}
