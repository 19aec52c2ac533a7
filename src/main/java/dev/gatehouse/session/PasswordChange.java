package dev.gatehouse.session;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.refresh.FamilyRevocations;
import dev.gatehouse.user.ChangePasswordRequest;
import dev.gatehouse.user.UserService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A password change ends every other session of the user at once (refresh families revoked,
 * older access tokens and browser sessions refused) while the caller's session goes on. The new
 * hash and the revocation are one transaction.
 */
@ApplicationScoped
public class PasswordChange {

    private final UserService users;
    private final FamilyRevocations revocations;
    private final TokenDenylist denylist;
    private final AuditLog audit;
    private final Pool pool;

    public PasswordChange(
            UserService users, FamilyRevocations revocations, TokenDenylist denylist, AuditLog audit, Pool pool) {
        this.pool = pool;
        this.users = users;
        this.revocations = revocations;
        this.denylist = denylist;
        this.audit = audit;
    }

    public Uni<Void> change(UUID userId, String sessionId, ChangePasswordRequest request) {
        // the slow hash comes first, outside any transaction
        return users.newPasswordHash(userId, request)
                .chain(hash -> {
                    long now = System.currentTimeMillis();
                    // Redis first: if it fails nothing has changed and the client can retry; the mark only
                    // refuses tokens issued before now, which a retry does not hurt.
                    return denylist.denyAllBefore(userId.toString(), now, sessionId)
                            .chain(() -> pool.withTransaction(conn -> users.storePasswordHash(conn, userId, hash)
                                    .chain(() -> revocations.revokeUserFamilies(conn, userId, sessionId))));
                })
                .invoke(revoked -> audit.record(
                        AuditEventType.PASSWORD_CHANGED,
                        Outcome.SUCCESS,
                        userId.toString(),
                        null,
                        revoked + " other refresh tokens revoked"))
                .replaceWithVoid();
    }
}
