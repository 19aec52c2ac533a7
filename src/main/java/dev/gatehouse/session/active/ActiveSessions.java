package dev.gatehouse.session.active;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.refresh.FamilyRevocations;
import dev.gatehouse.refresh.RefreshTokenRepository;
import dev.gatehouse.user.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's sessions (live refresh families): list them, end one. Ending a session revokes its
 * family and denylists its {@code sid}, so its refresh token and its access tokens stop at once
 * on every replica. A session id that is not a live session of that user, whoever else's it is,
 * answers 404 and changes nothing: the answer never tells another user's session from no session.
 */
@ApplicationScoped
public class ActiveSessions {

    private final RefreshTokenRepository families;
    private final FamilyRevocations revocations;
    private final AuditLog audit;
    private final UserService users;

    public ActiveSessions(
            RefreshTokenRepository families, FamilyRevocations revocations, AuditLog audit, UserService users) {
        this.families = families;
        this.revocations = revocations;
        this.audit = audit;
        this.users = users;
    }

    /** The user's live sessions, most recently used first; the one named {@code currentSid} is marked current. */
    public Uni<SessionList> list(UUID userId, String currentSid) {
        return families.liveFamilies(userId, Instant.now())
                .map(live -> new SessionList(live.stream()
                        .map(f -> new ActiveSession(
                                f.id().toString(),
                                f.clientId(),
                                f.createdAt(),
                                f.lastUsedAt(),
                                f.userAgent(),
                                f.ip(),
                                f.id().toString().equals(currentSid)))
                        .toList()));
    }

    /** For admins: as {@link #list}, and 404 when there is no such user. */
    public Uni<SessionList> listOfUser(UUID userId, String currentSid) {
        return users.exists(userId)
                .chain(exists -> exists
                        ? list(userId, currentSid)
                        : Uni.createFrom().failure(new ApiException(ErrorCode.NOT_FOUND, "No user with this id")));
    }

    /**
     * Ends the user's session {@code sessionId}; 404 {@code not_found} when it is not one of the
     * user's live sessions. {@code adminId} names the admin who ended it (null: the user).
     */
    public Uni<Void> end(UUID userId, String sessionId, String adminId) {
        UUID familyId = parseId(sessionId, "No session with this id");
        return families.clientOfLiveFamily(userId, familyId, Instant.now()).chain(clientId -> {
            if (clientId == null) {
                return Uni.createFrom().failure(new ApiException(ErrorCode.NOT_FOUND, "No session with this id"));
            }
            String detail = "session " + familyId + (adminId == null ? "" : " by admin " + adminId);
            return revocations
                    .revokeUserFamily(userId, familyId)
                    .invoke(() -> audit.record(
                            AuditEventType.SESSION_REVOKED, Outcome.SUCCESS, userId.toString(), clientId, detail))
                    .replaceWithVoid();
        });
    }

    /** A user or session id from the path; anything but a UUID names nothing there is (404). */
    static UUID parseId(String value, String notFound) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, notFound);
        }
    }
}
