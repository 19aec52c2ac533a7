package dev.gatehouse.oauth.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.http.ControlCharacters;
import dev.gatehouse.metrics.BoundedCaches;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Clients as the token endpoint needs them, kept for a short time so a token request costs no
 * database round trip for the client. Changes made on this replica invalidate at once; changes
 * made on another replica are seen within {@link #TTL}. At most {@link #MAX_ENTRIES} clients,
 * the least used evicted first ({@code cache_*{cache="clients"}} in the metrics).
 */
@ApplicationScoped
public class ClientCache {

    static final Duration TTL = Duration.ofSeconds(10);
    static final int MAX_ENTRIES = 10_000;
    /** The length of the {@code client_id} column. */
    private static final int MAX_ID_LENGTH = 128;

    private final Cache<String, OAuthClient> entries;
    private final ClientRepository clients;

    public ClientCache(ClientRepository clients, MeterRegistry registry) {
        this.clients = clients;
        this.entries = BoundedCaches.monitored(
                Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TTL), "clients", registry);
    }

    /** The client with this id, or null. */
    public Uni<OAuthClient> find(String clientId) {
        // no client has such an id: PostgreSQL would refuse a NUL, and a 503 would be the wrong answer
        if (clientId.length() > MAX_ID_LENGTH || ControlCharacters.present(clientId)) {
            return Uni.createFrom().nullItem();
        }
        OAuthClient cached = entries.getIfPresent(clientId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return clients.read(clientId).invoke(client -> {
            // only clients that exist: an attacker choosing ids could otherwise fill the cache
            if (client == null) {
                entries.invalidate(clientId);
            } else {
                entries.put(clientId, client);
            }
        });
    }

    /** How many clients are cached (an estimate while evictions are pending). */
    long size() {
        return entries.estimatedSize();
    }

    public void invalidate(String clientId) {
        entries.invalidate(clientId);
    }
}
