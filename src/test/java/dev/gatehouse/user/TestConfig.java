package dev.gatehouse.user;

import dev.gatehouse.config.GatehouseConfig;

import java.util.Optional;

/** A hand-written {@link GatehouseConfig} for plain unit tests: only the password settings are set. */
final class TestConfig {

    private TestConfig() {
    }

    /** Password settings as given; every other group is absent (null). */
    static GatehouseConfig password(int minLength, int maxLength, int memoryKib, int iterations, int parallelism) {
        GatehouseConfig.Password password = new GatehouseConfig.Password() {
            @Override public int minLength() { return minLength; }
            @Override public int maxLength() { return maxLength; }
            @Override public int argon2MemoryKib() { return memoryKib; }
            @Override public int argon2Iterations() { return iterations; }
            @Override public int argon2Parallelism() { return parallelism; }
        };
        return new GatehouseConfig() {
            @Override public Optional<String> issuer() { return Optional.empty(); }
            @Override public Optional<String> masterKey() { return Optional.empty(); }
            @Override public Token token() { return null; }
            @Override public Password password() { return password; }
            @Override public BootstrapAdmin bootstrapAdmin() { return null; }
        };
    }

    /** The defaults of {@link GatehouseConfig.Password}. */
    static GatehouseConfig defaults() {
        return password(15, 128, 19456, 2, 1);
    }
}
