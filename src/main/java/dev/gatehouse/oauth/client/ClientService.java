package dev.gatehouse.oauth.client;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Faults;
import dev.gatehouse.refresh.FamilyRevocations;
import dev.gatehouse.token.OpaqueTokens;
import dev.gatehouse.token.TokenIdentity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** The client registry behind the admin API. Secrets are made here, shown once, stored hashed. */
@ApplicationScoped
public class ClientService {

    private final ClientRepository clients;
    private final FamilyRevocations revocations;
    private final ClientCache cache;
    private final AuditLog audit;
    private final SecurityIdentity identity;
    private final GrantTypes grantTypes;

    public ClientService(
            ClientRepository clients,
            FamilyRevocations revocations,
            ClientCache cache,
            AuditLog audit,
            SecurityIdentity identity,
            GrantTypes grantTypes) {
        this.grantTypes = grantTypes;
        this.audit = audit;
        this.identity = identity;
        this.clients = clients;
        this.revocations = revocations;
        this.cache = cache;
    }

    public Uni<ClientMetadata> create(ClientMetadata request) {
        ClientMetadataRules.checkClientId(request.clientId());
        OAuthClient client = new OAuthClient();
        client.clientId = request.clientId() != null
                ? request.clientId()
                : UUID.randomUUID().toString();
        ClientMetadataRules.apply(request, client, grantTypes.names());
        client.createdAt = Instant.now();
        client.updatedAt = client.createdAt;
        String secret = issueSecretIfConfidential(client);
        return Panache.withTransaction(() -> clients.persist(client))
                .onFailure(Faults::isUniqueViolation)
                .transform(e -> new ApiException(ErrorCode.CONFLICT, "A client with this client_id already exists"))
                .invoke(saved -> audited(AuditEventType.CLIENT_CREATED, saved.clientId))
                .map(saved -> ClientMetadata.of(saved, secret));
    }

    /** Replaces the metadata; a client that becomes confidential gets a secret, one that becomes public loses it. */
    public Uni<ClientMetadata> update(String clientId, ClientMetadata request) {
        if (request.clientId() != null && !request.clientId().equals(clientId)) {
            throw ApiException.invalidRequest("client_id cannot be changed");
        }
        return Panache.withTransaction(() -> requireUnmanaged(clientId).map(client -> {
                    boolean wasPublic = client.isPublic();
                    ClientMetadataRules.apply(request, client, grantTypes.names());
                    client.updatedAt = Instant.now();
                    String secret = null;
                    if (client.isPublic()) {
                        client.secretHash = null;
                    } else if (wasPublic) {
                        secret = issueSecretIfConfidential(client);
                    }
                    return ClientMetadata.of(client, secret);
                }))
                .invoke(() -> cache.invalidate(clientId))
                .invoke(() -> audited(AuditEventType.CLIENT_UPDATED, clientId));
    }

    /** Deletes the client and revokes every refresh token it holds. */
    public Uni<Void> delete(String clientId) {
        return Panache.withTransaction(() -> requireUnmanaged(clientId)
                        .chain(client -> clients.delete(client))
                        .chain(() -> revocations.revokeClientTokens(clientId)))
                .invoke(() -> cache.invalidate(clientId))
                .invoke(() -> audited(AuditEventType.CLIENT_DELETED, clientId))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<ClientMetadata> get(String clientId) {
        return require(clientId).map(client -> ClientMetadata.of(client, null));
    }

    @WithSession
    public Uni<ClientList> list() {
        return clients.listAll(Sort.by("createdAt").and("clientId"))
                .map(all -> new ClientList(all.stream()
                        .map(client -> ClientMetadata.of(client, null))
                        .toList()));
    }

    /** Admin changes are audited with the admin who made them as the user. */
    private void audited(AuditEventType type, String clientId) {
        audit.record(type, Outcome.SUCCESS, TokenIdentity.claims(identity).userId(), clientId, null);
    }

    private Uni<OAuthClient> require(String clientId) {
        return clients.findById(clientId)
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(ErrorCode.NOT_FOUND, "No client with this client_id"));
    }

    /** The client, if the admin API may change it: a client declared in the clients file answers 409. */
    private Uni<OAuthClient> requireUnmanaged(String clientId) {
        return require(clientId).invoke(client -> {
            if (client.managedBy != null) {
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "Client " + clientId
                                + " is declared in the clients file (gatehouse.clients.file); change or remove it there");
            }
        });
    }

    private static String issueSecretIfConfidential(OAuthClient client) {
        if (client.isPublic()) {
            client.secretHash = null;
            return null;
        }
        String secret = OpaqueTokens.newToken();
        client.secretHash = OpaqueTokens.sha256(secret);
        return secret;
    }
}
