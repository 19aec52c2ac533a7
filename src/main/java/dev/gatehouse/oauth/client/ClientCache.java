package dev.gatehouse.oauth.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Clients as the token endpoint needs them, kept for a short time so a token request costs no
 * database round trip for the client. Changes made on this replica invalidate at once; changes
 * made on another replica are seen within {@link #TTL_MILLIS}.
 */
@ApplicationScoped
public class ClientCache {

    static final long TTL_MILLIS = 10_000;

    private record Entry(Optional<OAuthClient> client, long loadedAt) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ClientReader clients;

    public ClientCache(ClientReader clients) {
        this.clients = clients;
    }

    /** The client with this id, or null. */
    public Uni<OAuthClient> find(String clientId) {
        Entry entry = entries.get(clientId);
        long now = System.currentTimeMillis();
        if (entry != null && now - entry.loadedAt() < TTL_MILLIS) {
            return Uni.createFrom().item(entry.client().orElse(null));
        }
        return clients.find(clientId).invoke(client -> {
            if (entries.size() > 10_000) {
                entries.clear();
            }
            entries.put(clientId, new Entry(Optional.ofNullable(client), now));
        });
    }

    public void invalidate(String clientId) {
        entries.remove(clientId);
    }
}
