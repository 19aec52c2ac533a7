package dev.gatehouse.audit;

import dev.gatehouse.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The position after which the next audit page starts: the {@code at} (to the microsecond) and
 * {@code id} of the last item served. On the wire it is opaque: base64url of {@code "micros:id"}.
 */
public record AuditCursor(Instant at, long id) {

    private static final String INVALID = "cursor: pass back the nextCursor of a previous page";

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes a cursor; anything that is not one answers 400 {@code invalid_request}. */
    public static AuditCursor decode(String value) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
            String[] parts = text.split(":", -1);
            if (parts.length != 2) {
                throw ApiException.invalidRequest(INVALID);
            }
            long micros = Long.parseLong(parts[0]);
            long id = Long.parseLong(parts[1]);
            if (id <= 0) {
                throw ApiException.invalidRequest(INVALID);
            }
            return new AuditCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw ApiException.invalidRequest(INVALID);
        }
    }
}
