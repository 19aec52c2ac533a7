package dev.gatehouse.oauth.client;

import dev.gatehouse.http.ControlCharacters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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
    /** The length of the {@code client_id} column. */
    private static final int MAX_ID_LENGTH = 128;

    private record Entry(OAuthClient client, long loadedAt) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ClientReader clients;

    public ClientCache(ClientReader clients) {
        this.clients = clients;
    }

    /** The client with this id, or null. */
    public Uni<OAuthClient> find(String clientId) {
        // no client has such an id: PostgreSQL would refuse a NUL, and a 503 would be the wrong answer
        if (clientId.length() > MAX_ID_LENGTH || ControlCharacters.present(clientId)) {
            return Uni.createFrom().nullItem();
        }
        Entry entry = entries.get(clientId);
        long now = System.currentTimeMillis();
        if (entry != null && now - entry.loadedAt() < TTL_MILLIS) {
            return Uni.createFrom().item(entry.client());
        }
        return clients.find(clientId).invoke(client -> {
            // only clients that exist: an attacker choosing ids could otherwise fill the cache
            if (client == null) {
                entries.remove(clientId);
                return;
            }
            if (entries.size() > 10_000) {
                entries.clear();
            }
            entries.put(clientId, new Entry(client, now));
        });
    }

    /** How many clients are cached. */
    int size() {
        return entries.size();
    }

    public void invalidate(String clientId) {
        entries.remove(clientId);
    }
}
