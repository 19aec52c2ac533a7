package dev.gatehouse.audit;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/** Reads {@code audit_event} directly, for assertions. */
public final class AuditRows {

    private AuditRows() {}

    /** Rows of this user id, newest first. */
    public static List<AuditRow> ofUser(String userId) {
        return await(() -> Panache.withSession(() -> repository()
                .find("userId = ?1 order by at desc, id desc", userId)
                .list()));
    }

    /**
     * How many rows hold {@code needle} in any text column. LIKE wildcards in the needle can only
     * widen the match, never hide a hit.
     */
    public static long containing(String needle) {
        String pattern = "%" + needle + "%";
        return await(() -> Panache.withSession(() -> repository()
                .count(
                        "userId like ?1 or clientId like ?1 or ip like ?1 or userAgent like ?1 or requestId like ?1 "
                                + "or detail like ?1 or type like ?1",
                        pattern)));
    }

    /** The client id of a row whose client id holds {@code needle}, or null. */
    public static String clientIdContaining(String needle) {
        return await(() -> Panache.withSession(() -> repository()
                .find("clientId like ?1", "%" + needle + "%")
                .firstResult()
                .map(row -> row == null ? null : row.clientId)));
    }

    private static AuditRepository repository() {
        return Arc.container().instance(AuditRepository.class).get();
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new AssertionError("audit_event query failed", e);
        }
    }
}
