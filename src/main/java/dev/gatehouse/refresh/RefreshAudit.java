package dev.gatehouse.refresh;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.refresh.RefreshTokens.Rotation;

/** The audit events of a refresh, the same for {@code /auth/refresh} and the refresh_token grant. */
public final class RefreshAudit {

    private RefreshAudit() {}

    public static void record(AuditLog audit, Rotation rotation, String clientId) {
        if (rotation instanceof Rotation.Rotated rotated) {
            audit.record(
                    AuditEventType.TOKEN_REFRESHED,
                    Outcome.SUCCESS,
                    id(rotated.next().row().userId),
                    clientId,
                    "family " + rotated.next().row().familyId
                            + (rotated.retry()
                                    ? ": retry of the token just spent, within the grace; its unused successor is spent"
                                    : ""));
        } else if (rotation instanceof Rotation.Reused reused) {
            audit.record(
                    AuditEventType.REFRESH_REUSE_DETECTED,
                    Outcome.FAILURE,
                    id(reused.userId()),
                    clientId,
                    "family " + reused.familyId() + " revoked");
        } else {
            audit.record(AuditEventType.TOKEN_REFRESHED, Outcome.FAILURE, null, clientId, "invalid_grant");
        }
    }

    private static String id(Object value) {
        return value == null ? null : value.toString();
    }
}
