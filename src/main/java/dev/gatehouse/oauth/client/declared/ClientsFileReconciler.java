package dev.gatehouse.oauth.client.declared;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.oauth.client.ClientCache;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.token.OpaqueTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients as code: applies the clients file ({@code gatehouse.clients.file}) at start and
 * whenever its content, or a secret it names, changes (read every
 * {@code gatehouse.clients.poll-interval}; a Kubernetes ConfigMap or Secret update shows up
 * there within the kubelet's sync period). A file that cannot be applied changes nothing: the
 * last good state stays, the log names the client and the field (once per problem), and
 * {@code gatehouse_clients_file_reloads_total{outcome="failure"}} counts it
 * ({@code gatehouse_clients_file_valid} is 0 until a good file is applied). A refused file is read
 * again at every poll, so fixing a secret or deleting a conflicting client is picked up; a store
 * fault is retried at the next poll.
 */
@ApplicationScoped
public class ClientsFileReconciler {

    static final String RELOADS = "gatehouse.clients.file.reloads";
    static final String VALID = "gatehouse.clients.file.valid";
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final Optional<Path> file;
    private final ClientsFile parser;
    private final DeclaredClientStore store;
    private final ClientCache cache;
    private final AuditLog audit;
    private final Counter applied;
    private final Counter refused;
    private final AtomicInteger valid = new AtomicInteger(1);
    /** The declared clients last applied (their fingerprint): the same again needs no transaction. */
    private String appliedFingerprint;
    /** The problem of the file last refused, told once until it changes; null after a good file. */
    private String lastError;

    private String lastStoreFault;

    ClientsFileReconciler(
            GatehouseConfig config,
            ClientsFile parser,
            DeclaredClientStore store,
            ClientCache cache,
            AuditLog audit,
            MeterRegistry registry) {
        this.file = config.clients().file().filter(name -> !name.isBlank()).map(Path::of);
        this.parser = parser;
        this.store = store;
        this.cache = cache;
        this.audit = audit;
        this.applied = reloads(registry, "success");
        this.refused = reloads(registry, "failure");
        registry.gauge(VALID, valid);
    }

    void onStart(@Observes StartupEvent event) {
        file.ifPresent(path -> Log.infof("Declared clients come from %s", path));
        reload();
    }

    @Scheduled(
            every = "${gatehouse.clients.poll-interval:10s}",
            delayed = "${gatehouse.clients.poll-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        reload();
    }

    /** Reads the file and applies it if it changed. Blocking (file reads, then the store): start-up and the scheduler's worker thread. */
    synchronized void reload() {
        if (file.isEmpty()) {
            return;
        }
        Path path = file.get();
        List<OAuthClient> declared;
        try {
            declared =
                    parser.parse(Files.readAllBytes(path), path.toAbsolutePath().getParent());
        } catch (IOException | RuntimeException e) {
            String problem = e instanceof ClientsFileException
                    ? e.getMessage()
                    : "cannot read " + path + " (" + e.getClass().getSimpleName() + ")";
            refuse(problem);
            return;
        }
        String fingerprint = fingerprint(declared);
        if (fingerprint.equals(appliedFingerprint)) {
            valid(); // e.g. a broken edit undone: what is stored is what the file says
            return;
        }
        try {
            DeclaredClientStore.Changes changes = store.apply(declared).await().atMost(STORE_TIMEOUT);
            appliedFingerprint = fingerprint;
            valid();
            applied.increment();
            report(changes);
        } catch (ClientsFileException e) {
            refuse(e.getMessage()); // tried again at every poll: the conflicting client may be deleted meanwhile
        } catch (RuntimeException e) {
            // PostgreSQL down or slow: nothing was applied; the next poll tries again (and tells once)
            if (!e.toString().equals(lastStoreFault)) {
                Log.warnf("Clients file %s not applied, retrying at every poll: %s", path, e.toString());
            }
            lastStoreFault = e.toString();
            return;
        }
        lastStoreFault = null;
    }

    /** The problem of the file last refused, or null once a good one is applied (tests, diagnostics). */
    synchronized String lastError() {
        return lastError;
    }

    private void valid() {
        if (lastError != null) {
            Log.infof("Clients file %s is valid again", file.orElseThrow());
        }
        lastError = null;
        valid.set(1);
    }

    private void refuse(String problem) {
        if (problem.equals(lastError)) {
            return; // told already, and nothing changed since
        }
        lastError = problem;
        valid.set(0);
        refused.increment();
        Log.errorf("Clients file %s refused, the clients stay as they were: %s", file.orElseThrow(), problem);
    }

    private void report(DeclaredClientStore.Changes changes) {
        changes.created().forEach(id -> changed(AuditEventType.CLIENT_CREATED, id));
        changes.updated().forEach(id -> changed(AuditEventType.CLIENT_UPDATED, id));
        changes.deleted().forEach(id -> changed(AuditEventType.CLIENT_DELETED, id));
        if (!changes.none()) {
            Log.infof(
                    "Clients file %s applied: created %s, updated %s, deleted %s",
                    file.orElseThrow(), changes.created(), changes.updated(), changes.deleted());
        }
    }

    private void changed(AuditEventType type, String clientId) {
        cache.invalidate(clientId);
        audit.record(type, Outcome.SUCCESS, null, clientId, "clients file");
    }

    /** Every stored field of every declared client, secret hashes included: equal fingerprints, nothing to do. */
    static String fingerprint(List<OAuthClient> declared) {
        StringBuilder all = new StringBuilder();
        for (OAuthClient c : declared) {
            all.append(String.join(
                            "\u0000",
                            c.clientId,
                            c.clientName,
                            c.redirectUris,
                            c.grantTypes,
                            c.tokenEndpointAuthMethod,
                            c.scope,
                            c.resources,
                            String.valueOf(c.accessTokenTtl),
                            String.valueOf(c.refreshTokenTtl),
                            c.postLogoutRedirectUris,
                            String.valueOf(c.dpopBoundAccessTokens),
                            c.secretHash == null ? "-" : HexFormat.of().formatHex(c.secretHash)))
                    .append('\n');
        }
        return OpaqueTokens.sha256Hex(all.toString());
    }

    private static Counter reloads(MeterRegistry registry, String outcome) {
        return Counter.builder(RELOADS)
                .description("Changed clients files applied (success) or refused (failure)")
                .tag("outcome", outcome)
                .register(registry);
    }
}
