package dev.gatehouse.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A page of {@code GET /api/admin/audit}: {@code {items, nextCursor}}; nextCursor is null on the last page. */
public record AuditPage(
        List<Item> items,
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    /** One stored event as the admin API shows it; absent values are null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(
            long id,
            Instant at,
            String type,
            String outcome,
            String userId,
            String clientId,
            String ip,
            String userAgent,
            String requestId,
            String detail) {

        static Item of(AuditRow row) {
            return new Item(
                    row.id,
                    row.at,
                    row.type,
                    row.outcome,
                    row.userId,
                    row.clientId,
                    row.ip,
                    row.userAgent,
                    row.requestId,
                    row.detail);
        }
    }

    /** The page from up to {@code pageSize + 1} rows, newest first. */
    static AuditPage of(List<AuditRow> rows, int pageSize) {
        boolean more = rows.size() > pageSize;
        List<AuditRow> page = more ? rows.subList(0, pageSize) : rows;
        String next = null;
        if (more) {
            AuditRow last = page.get(page.size() - 1);
            next = new AuditCursor(last.at, last.id).encode();
        }
        return new AuditPage(page.stream().map(Item::of).toList(), next);
    }
}
