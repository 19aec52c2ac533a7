package dev.gatehouse.refresh;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One refresh token of a family, stored as the SHA-256 of the token, never the token itself. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    public UUID id;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    /** Every token descended from one login shares it; it is also the access token's {@code sid}. */
    @Column(name = "family_id")
    public UUID familyId;

    public int generation;

    @Column(name = "parent_hash")
    public byte[] parentHash;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "client_id")
    public String clientId;

    public String scope;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "consumed_at")
    public Instant consumedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "idle_expires_at")
    public Instant idleExpiresAt;

    @Column(name = "absolute_expires_at")
    public Instant absoluteExpiresAt;

    /** The User-Agent of the request that started the family (first token only; cut to 256 characters). */
    @Column(name = "user_agent")
    public String userAgent;

    /** The client IP of the request that started the family (first token only). */
    public String ip;

    /** RFC 9449 §5: the thumbprint of the DPoP key a public client's family is bound to, or null. */
    @Column(name = "dpop_jkt", columnDefinition = "text")
    public String dpopJkt;

    public boolean isUsableAt(Instant now) {
        return consumedAt == null && revokedAt == null && idleExpiresAt.isAfter(now) && absoluteExpiresAt.isAfter(now);
    }
}
