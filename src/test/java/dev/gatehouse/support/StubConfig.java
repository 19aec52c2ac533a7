package dev.gatehouse.support;

import dev.gatehouse.config.GatehouseConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * A hand-written {@link GatehouseConfig} for plain unit tests, with the documented defaults;
 * each {@code with…} method answers a copy with one setting changed.
 */
public record StubConfig(
        String issuerValue,
        String masterKeyValue,
        String masterKeyFileValue,
        String signingAlg,
        GatehouseConfig.Password passwordSettings,
        String adminEmail,
        String adminPassword)
        implements GatehouseConfig {

    public static StubConfig defaults() {
        return new StubConfig(null, null, null, "RS256", password(15, 128, 19456, 2, 1, 32), null, null);
    }

    public StubConfig withIssuer(String value) {
        return new StubConfig(
                value, masterKeyValue, masterKeyFileValue, signingAlg, passwordSettings, adminEmail, adminPassword);
    }

    public StubConfig withMasterKey(String value) {
        return new StubConfig(
                issuerValue, value, masterKeyFileValue, signingAlg, passwordSettings, adminEmail, adminPassword);
    }

    public StubConfig withMasterKeyFile(String path) {
        return new StubConfig(
                issuerValue, masterKeyValue, path, signingAlg, passwordSettings, adminEmail, adminPassword);
    }

    public StubConfig withBootstrapAdmin(String email, String password) {
        return new StubConfig(
                issuerValue, masterKeyValue, masterKeyFileValue, signingAlg, passwordSettings, email, password);
    }

    public StubConfig withPassword(int minLength, int maxLength, int memoryKib, int iterations, int parallelism) {
        return new StubConfig(
                issuerValue,
                masterKeyValue,
                masterKeyFileValue,
                signingAlg,
                password(minLength, maxLength, memoryKib, iterations, parallelism, passwordSettings.hashQueue()),
                adminEmail,
                adminPassword);
    }

    public StubConfig withHashQueue(int hashQueue) {
        GatehouseConfig.Password p = passwordSettings;
        return new StubConfig(
                issuerValue,
                masterKeyValue,
                masterKeyFileValue,
                signingAlg,
                password(
                        p.minLength(),
                        p.maxLength(),
                        p.argon2MemoryKib(),
                        p.argon2Iterations(),
                        p.argon2Parallelism(),
                        hashQueue),
                adminEmail,
                adminPassword);
    }

    @Override
    public Optional<String> issuer() {
        return Optional.ofNullable(issuerValue);
    }

    @Override
    public Optional<String> masterKey() {
        return Optional.ofNullable(masterKeyValue);
    }

    @Override
    public Optional<String> masterKeyFile() {
        return Optional.ofNullable(masterKeyFileValue);
    }

    @Override
    public Token token() {
        return new Token() {
            @Override
            public Duration accessTtl() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration refreshIdleTtl() {
                return Duration.ofDays(14);
            }

            @Override
            public Duration refreshMaxTtl() {
                return Duration.ofDays(30);
            }

            @Override
            public Duration refreshRetryGrace() {
                return Duration.ofSeconds(10);
            }

            @Override
            public String signingAlg() {
                return signingAlg;
            }

            @Override
            public Optional<String> audience() {
                return Optional.empty();
            }

            @Override
            public Duration pruneInterval() {
                return Duration.ofHours(1);
            }
        };
    }

    @Override
    public Oidc oidc() {
        return new Oidc() {
            @Override
            public Duration idTokenTtl() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration logoutConfirmTtl() {
                return Duration.ofMinutes(10);
            }
        };
    }

    @Override
    public Password password() {
        return passwordSettings;
    }

    @Override
    public BootstrapAdmin bootstrapAdmin() {
        return new BootstrapAdmin() {
            @Override
            public Optional<String> email() {
                return Optional.ofNullable(adminEmail);
            }

            @Override
            public Optional<String> password() {
                return Optional.ofNullable(adminPassword);
            }
        };
    }

    @Override
    public Keys keys() {
        return new Keys() {
            @Override
            public Duration rotationInterval() {
                return Duration.ofDays(30);
            }

            @Override
            public Duration checkInterval() {
                return Duration.ofSeconds(60);
            }
        };
    }

    @Override
    public Duration requestTimeout() {
        return Duration.ofSeconds(15);
    }

    @Override
    public Audit audit() {
        return () -> Duration.ofDays(90);
    }

    @Override
    public Postgres postgres() {
        return () -> Duration.ofSeconds(10);
    }

    /** Rate limits live in Redis; no plain unit test reads them. */
    @Override
    public RateLimit rateLimit() {
        throw new UnsupportedOperationException("rate limits are tested with @QuarkusTest");
    }

    /** The device flow lives in Redis; no plain unit test reads it. */
    @Override
    public Device device() {
        throw new UnsupportedOperationException("the device flow is tested with @QuarkusTest");
    }

    /** DPoP proofs are checked against Redis; no plain unit test reads this. */
    @Override
    public Dpop dpop() {
        throw new UnsupportedOperationException("DPoP is tested with @QuarkusTest");
    }

    @Override
    public Tls tls() {
        return new Tls() {
            @Override
            public Optional<String> certFile() {
                return Optional.empty();
            }

            @Override
            public Optional<String> keyFile() {
                return Optional.empty();
            }
        };
    }

    @Override
    public Schema schema() {
        return () -> true;
    }

    @Override
    public Clients clients() {
        return new Clients() {
            @Override
            public Optional<String> file() {
                return Optional.empty();
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(10);
            }
        };
    }

    private static Password password(
            int minLength, int maxLength, int memoryKib, int iterations, int parallelism, int hashQueue) {
        return new Password() {
            @Override
            public int minLength() {
                return minLength;
            }

            @Override
            public int maxLength() {
                return maxLength;
            }

            @Override
            public int argon2MemoryKib() {
                return memoryKib;
            }

            @Override
            public int argon2Iterations() {
                return iterations;
            }

            @Override
            public int argon2Parallelism() {
                return parallelism;
            }

            @Override
            public int hashQueue() {
                return hashQueue;
            }
        };
    }
}
