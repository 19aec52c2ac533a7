package dev.gatehouse.oidc;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.oauth.authorize.BrowserSessions;
import dev.gatehouse.refresh.FamilyRevocations;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Ends a user's browser session (RP-Initiated Logout 1.0 §2): the session in this browser is
 * forgotten, the user's browser sessions end on every replica (the denylist's browser mark), and
 * the refresh families the session started are revoked with their access tokens.
 */
@ApplicationScoped
public class Logouts {

    private final BrowserSessions browserSessions;
    private final OidcSessions oidcSessions;
    private final FamilyRevocations revocations;
    private final TokenDenylist denylist;
    private final AuditLog audit;

    public Logouts(
            BrowserSessions browserSessions,
            OidcSessions oidcSessions,
            FamilyRevocations revocations,
            TokenDenylist denylist,
            AuditLog audit) {
        this.browserSessions = browserSessions;
        this.oidcSessions = oidcSessions;
        this.revocations = revocations;
        this.denylist = denylist;
        this.audit = audit;
    }

    /**
     * Logs the user out of the browser sessions {@code sids} (nulls ignored); {@code cookieSessionId}
     * is this browser's session cookie (or null), forgotten too.
     */
    public Uni<Void> end(String userId, List<String> sids, String cookieSessionId, String clientId) {
        Set<String> sessions = new LinkedHashSet<>(sids);
        sessions.remove(null);
        UUID user = UUID.fromString(userId);
        return oidcSessions
                .familiesOf(user, sessions)
                .onItem()
                .transformToMulti(families -> Multi.createFrom().iterable(families))
                .onItem()
                .transformToUniAndConcatenate(family -> revocations.revokeUserFamily(user, family))
                .collect()
                .asList()
                .call(() -> denylist.endBrowserSessions(userId))
                .call(() -> browserSessions.end(cookieSessionId))
                .invoke(revoked -> {
                    Log.infof(
                            "RP-initiated logout of user %s: %d browser sessions, %d families",
                            userId, sessions.size(), revoked.size());
                    audit.record(
                            AuditEventType.LOGOUT,
                            Outcome.SUCCESS,
                            userId,
                            clientId,
                            "rp-initiated logout, " + revoked.size() + " sessions revoked");
                })
                .replaceWithVoid();
    }
}
