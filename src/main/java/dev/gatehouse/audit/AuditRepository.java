package dev.gatehouse.audit;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Searches {@code audit_event} (the admin API); callers open the session. */
@ApplicationScoped
public class AuditRepository implements PanacheRepository<AuditRow> {

    /** Up to {@code pageSize + 1} rows matching the query, newest first (the extra row tells that a next page exists). */
    public Uni<List<AuditRow>> search(AuditQuery query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (query.type() != null) {
            where.add("type = :type");
            params.put("type", query.type().wireName());
        }
        if (query.userId() != null) {
            where.add("userId = :userId");
            params.put("userId", query.userId());
        }
        if (query.clientId() != null) {
            where.add("clientId = :clientId");
            params.put("clientId", query.clientId());
        }
        if (query.since() != null) {
            where.add("at >= :since");
            params.put("since", query.since());
        }
        if (query.after() != null) {
            // strictly after the last item of the previous page, in (at desc, id desc) order
            where.add("(at < :cursorAt or (at = :cursorAt and id < :cursorId))");
            params.put("cursorAt", query.after().at());
            params.put("cursorId", query.after().id());
        }
        String hql = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return find(hql, Sort.descending("at", "id"), params)
                .range(0, query.pageSize())
                .list(); // range is inclusive: pageSize + 1 rows
    }
}
