package dev.gatehouse.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * Every Gatehouse setting, under the names fixed by the API contract. Each has an environment
 * variable by MicroProfile Config's rule: {@code gatehouse.token.access-ttl} is
 * {@code GATEHOUSE_TOKEN_ACCESS_TTL}.
 */
@ConfigMapping(prefix = "gatehouse")
public interface GatehouseConfig {

    /** The {@code iss} of every token and the base of every advertised URL. Required in prod; {@code http://localhost:8080} in dev and test. */
    Optional<String> issuer();

    /**
     * Base64 key (at least 32 bytes) that encrypts signing keys at rest (AES-256-GCM). Required in
     * prod; dev and test make an ephemeral one and say so in the log.
     */
    Optional<String> masterKey();

    /**
     * Path of a file whose content is the base64 master key, e.g. a Kubernetes Secret mounted as a
     * file; surrounding whitespace is ignored. An alternative to {@code master-key}: setting both
     * stops the start. No default.
     */
    Optional<String> masterKeyFile();

    /**
     * How long a request may go without the start of its answer before it is answered 503
     * {@code temporarily_unavailable} ({@code GATEHOUSE_REQUEST_TIMEOUT}). A bound for a store that
     * stops answering but keeps its connections (Vert.x's PostgreSQL client has no query timeout);
     * the work goes on and finishes or fails by itself. Above the longest wait a login may make on
     * purpose (the login limits' 10 s, plus their delay; {@code RequestTimeoutCheck} warns at start when
     * it is not). Default {@code 15s}.
     */
    @WithDefault("15s")
    Duration requestTimeout();

    Token token();

    Password password();

    @WithName("bootstrap-admin")
    BootstrapAdmin bootstrapAdmin();

    Keys keys();

    Audit audit();

    Postgres postgres();

    /** The reactive client's connections to PostgreSQL. */
    interface Postgres {
        /**
         * How long a connection may wait for PostgreSQL's host to acknowledge what was sent to it, or
         * an idle one to answer keepalive probes, before the kernel closes it (TCP_USER_TIMEOUT, as
         * libpq's {@code tcp_user_timeout}; {@code GATEHOUSE_POSTGRES_TCP_USER_TIMEOUT}); also the
         * connect timeout. Without it a host that vanished without closing its connections (a
         * failover, a dead node) holds them for the kernel's retransmissions, about 15 minutes, and
         * the replica answers 503 meanwhile. Needs Netty's epoll transport (Linux): a WARN at start
         * says when it is not in use. {@code 0s} leaves the kernel's defaults; below {@code 0s} or above
         * {@code 15m} the start is refused. Default {@code 10s},
         * below {@code request-timeout}.
         */
        @WithDefault("10s")
        Duration tcpUserTimeout();
    }

    Tls tls();

    /**
     * The certificate HTTPS is served with. Read by {@link HttpsRedirectDefault}, which turns these
     * into Quarkus's TLS registry settings and the plain-HTTP redirect; when absent, HTTPS is off.
     */
    interface Tls {
        /** PEM file with the certificate chain, leaf first ({@code GATEHOUSE_TLS_CERT_FILE}). No default. */
        Optional<String> certFile();

        /** PEM file with the unencrypted private key ({@code GATEHOUSE_TLS_KEY_FILE}). No default. */
        Optional<String> keyFile();
    }

    @WithName("rate-limit")
    RateLimit rateLimit();

    Device device();

    /** The device authorization grant (RFC 8628). */
    interface Device {
        /** How long a device code and its user code live ({@code expires_in}). Default {@code 10m}. */
        @WithDefault("10m")
        Duration codeTtl();

        /** The least time a device waits between two polls ({@code interval}, whole seconds). Default {@code 5s}. */
        @WithDefault("5s")
        Duration interval();
    }

    Oidc oidc();

    /** OpenID Connect: ID tokens, and the RP-initiated logout. */
    interface Oidc {
        /** Lifetime of an ID token ({@code GATEHOUSE_OIDC_ID_TOKEN_TTL}). Default {@code 5m}. */
        @WithDefault("5m")
        Duration idTokenTtl();

        /** How long a logout confirmation page may be answered. Default {@code 10m}. */
        @WithDefault("10m")
        Duration logoutConfirmTtl();
    }

    Schema schema();

    /** The database schema: who migrates it. */
    interface Schema {
        /**
         * Run Flyway's migrations at start ({@code GATEHOUSE_SCHEMA_MIGRATE_AT_START}). Default
         * {@code true}, for a single process. A fleet sets it {@code false} on its replicas and migrates
         * once per release ({@code true} with {@code QUARKUS_INIT_AND_EXIT=true}: migrate and exit), so a
         * replica loads no JDBC, pool or Flyway and is ready sooner; it then only checks the schema's version.
         */
        @WithDefault("true")
        boolean migrateAtStart();
    }

    Dpop dpop();

    /** DPoP (RFC 9449): sender-constrained tokens. */
    interface Dpop {
        /**
         * How old a proof may be ({@code iat} in the past, RFC 9449 §11.1); its {@code jti} is
         * remembered in Redis this long, so it cannot be replayed on any replica. Default {@code 60s}.
         */
        @WithDefault("60s")
        Duration proofMaxAge();

        /** How far in the future a proof's {@code iat} may be (the client's clock runs ahead). Default {@code 5s}. */
        @WithDefault("5s")
        Duration clockSkew();

        /**
         * Whether every proof must carry a server nonce (RFC 9449 §8): a proof without a valid one is
         * answered {@code use_dpop_nonce} with a {@code DPoP-Nonce} header. Off by default: it costs
         * each client an extra round trip, and replay is refused across replicas without it.
         */
        @WithDefault("false")
        boolean nonceRequired();

        /**
         * How long a server nonce stays current; one of the slot before or after is accepted too, so
         * a nonce lives 1 to 3 times this. Nonces are HMACs of the time slot under a key derived from
         * the master key: every replica issues and accepts the same ones. Default {@code 5m}.
         */
        @WithDefault("5m")
        Duration nonceLifetime();
    }

    Clients clients();

    /** OAuth clients declared in a file (clients as code), besides those registered through the admin API. */
    interface Clients {
        /**
         * A YAML or JSON file of clients with RFC 7591 metadata, e.g. a mounted ConfigMap
         * ({@code GATEHOUSE_CLIENTS_FILE}); secrets are named by {@code client_secret_file} or
         * {@code client_secret_env}, never written in it. Reconciled at start and whenever it (or a
         * secret it names) changes. No default: clients come from the admin API only.
         */
        Optional<String> file();

        /** How often the file and the secrets it names are read for changes. Default {@code 10s}. */
        @WithDefault("10s")
        Duration pollInterval();
    }

    interface Token {
        /** Lifetime of an access token. Default {@code 5m}. */
        @WithDefault("5m")
        Duration accessTtl();

        /** A refresh token unused for this long expires. Default {@code 14d}. */
        @WithDefault("14d")
        Duration refreshIdleTtl();

        /** No refresh token of a family outlives its login by more than this. Default {@code 30d}. */
        @WithDefault("30d")
        Duration refreshMaxTtl();

        /**
         * How long after a rotation the token just spent may be presented again, while its successor
         * was never used, for a client whose answer was lost: the retry gets a new pair and the unused
         * successor is spent (a later use of it is reuse). {@code 0s} turns it off. Default {@code 10s}.
         */
        @WithDefault("10s")
        Duration refreshRetryGrace();

        /** {@code RS256} (default), {@code ES256} or {@code EdDSA}. */
        @WithDefault("RS256")
        String signingAlg();

        /** The {@code aud} of access tokens; defaults to the issuer. */
        Optional<String> audience();

        /**
         * How often dead refresh-token families (revoked, idle-expired or past their absolute
         * expiry for a day) are deleted, with their spent tokens. Default {@code 1h}.
         */
        @WithDefault("1h")
        Duration pruneInterval();
    }

    interface Password {
        /** Shortest password accepted (NIST SP 800-63B-4). Default {@code 15}. */
        @WithDefault("15")
        int minLength();

        /** Longest password accepted. Default {@code 128}. */
        @WithDefault("128")
        int maxLength();

        /** Argon2id memory in KiB. Default {@code 19456} (19 MiB, OWASP). */
        @WithDefault("19456")
        int argon2MemoryKib();

        /** Argon2id iterations. Default {@code 2} (OWASP). */
        @WithDefault("2")
        int argon2Iterations();

        /** Argon2id lanes. Default {@code 1} (OWASP). */
        @WithDefault("1")
        int argon2Parallelism();

        /**
         * Hashes (logins, registrations, password changes) that may wait for a hashing thread; one
         * more is answered 503 {@code temporarily_unavailable} with {@code Retry-After} at once, so
         * a flood cannot make every login wait without bound. Default {@code 32}.
         */
        @WithDefault("32")
        int hashQueue();
    }

    interface Keys {
        /** The active signing key is replaced by the published next key after this long. Default {@code 30d}. */
        @WithDefault("30d")
        Duration rotationInterval();

        /**
         * How often each replica reloads the keys from PostgreSQL and checks whether a rotation is
         * due (also how soon it learns of another replica's rotation). Default {@code 60s}.
         */
        @WithDefault("60s")
        Duration checkInterval();
    }

    /** Limits kept in Redis, so they hold across replicas. */
    interface RateLimit {
        Api api();

        Login login();

        @WithName("client-auth")
        ClientAuth clientAuth();

        OAuth oauth();

        Register register();

        Authorize authorize();

        DeviceAuthorization deviceAuthorization();

        DeviceCode deviceCode();

        /** {@code POST /oauth2/device_authorization} requests per client IP: each keeps a device code in Redis. */
        interface DeviceAuthorization {
            /** Default {@code 30}. */
            @WithDefault("30")
            int max();

            /** Default {@code 10m}. */
            @WithDefault("10m")
            Duration window();
        }

        /** User codes entered at {@code /oauth2/device} per client IP, right or wrong (RFC 8628 §5.1: guessing). */
        interface DeviceCode {
            /** Default {@code 10}. */
            @WithDefault("10")
            int max();

            /** Default {@code 15m}. */
            @WithDefault("15m")
            Duration window();
        }

        /**
         * {@code GET /oauth2/authorize} requests that store a pending login (a browser without a
         * session), per client IP: each is kept in Redis for 10 minutes.
         */
        interface Authorize {
            /** Default {@code 60}. */
            @WithDefault("60")
            int max();

            /** Default {@code 10m}. */
            @WithDefault("10m")
            Duration window();
        }

        /** Every {@code /api/**} request, per client IP. */
        interface Api {
            /** Default {@code 100}. */
            @WithDefault("100")
            int max();

            /** Default {@code 15m}. */
            @WithDefault("15m")
            Duration window();
        }

        /** Failed logins (first-party, password grant, authorization page); successes do not count. */
        interface Login {
            /**
             * Not a setting: how long a login waits at most for this client's or account's attempts
             * in flight to finish before it is refused.
             */
            Duration MAX_WAIT_FOR_ATTEMPTS = Duration.ofSeconds(10);

            /** Failures per client IP in the window. Default {@code 5}. */
            @WithDefault("5")
            int max();

            /** Default {@code 1h}. */
            @WithDefault("1h")
            Duration window();

            /** Failures per account from all IPs in the window, then a temporary block. Default {@code 20}. */
            @WithDefault("20")
            int accountMax();

            /** Longest delay added to a failed login of an account under attack (the delay grows per failure). Default {@code 2s}. */
            @WithDefault("2s")
            Duration maxDelay();
        }

        /**
         * Failed client authentications per {@code client_id} and client IP at the token,
         * introspection and revocation endpoints.
         */
        interface ClientAuth {
            /** Default {@code 10}. */
            @WithDefault("10")
            int max();

            /** Default {@code 15m}. */
            @WithDefault("15m")
            Duration window();
        }

        /** {@code /auth/register} requests per client IP: each costs a password hash. */
        interface Register {
            /** Default {@code 10}. */
            @WithDefault("10")
            int max();

            /** Default {@code 1h}. */
            @WithDefault("1h")
            Duration window();
        }

        /** {@code /oauth2/introspect} and {@code /oauth2/revoke} requests per client IP. */
        interface OAuth {
            /** Default {@code 600}. */
            @WithDefault("600")
            int max();

            /** Default {@code 1m}. */
            @WithDefault("1m")
            Duration window();
        }
    }

    interface Audit {
        /** Audit rows older than this are deleted by a daily job. Default {@code 90d}. */
        @WithDefault("90d")
        Duration retention();
    }

    interface BootstrapAdmin {
        /** Email of the first admin, created at start-up if absent. No default. */
        Optional<String> email();

        /** Password of the first admin. No default; must pass the password policy. */
        Optional<String> password();
    }
}
