package dev.gatehouse.keys;

import dev.gatehouse.config.GatehouseConfig;

import java.util.Optional;

/** A GatehouseConfig for plain unit tests that sets only the master key. */
final class TestConfigs {

    private TestConfigs() {
    }

    static GatehouseConfig withMasterKey(String base64) {
        return new GatehouseConfig() {
            @Override public Optional<String> issuer() { return Optional.empty(); }
            @Override public Optional<String> masterKey() { return Optional.of(base64); }
            @Override public Token token() { return null; }
            @Override public Password password() { return null; }
            @Override public BootstrapAdmin bootstrapAdmin() { return null; }
        };
    }
}
