package dev.gatehouse.oauth.protocol;

import dev.gatehouse.error.ApiException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/** The parameters of a form-encoded OAuth request, each present at most once (RFC 6749 §3.1, §3.2). */
public final class FormParams {

    private final MultivaluedMap<String, String> values;

    public FormParams(MultivaluedMap<String, String> values) {
        this.values = values;
    }

    /** The value, or null when absent or empty (RFC 6749 §3.1: empty parameters are treated as omitted). */
    public String optional(String name) {
        List<String> all = values == null ? null : values.get(name);
        if (all == null || all.isEmpty()) {
            return null;
        }
        // RFC 6749 §3.1: request parameters must not be included more than once
        if (all.size() > 1) {
            throw ApiException.invalidRequest("The parameter " + name + " is repeated");
        }
        String value = all.get(0);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Every non-empty value of a parameter that may repeat, such as RFC 8707's {@code resource}. */
    public List<String> all(String name) {
        List<String> all = values == null ? null : values.get(name);
        return all == null
                ? List.of()
                : all.stream()
                        .filter(value -> value != null && !value.isEmpty())
                        .distinct()
                        .toList();
    }

    public String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw ApiException.invalidRequest("The parameter " + name + " is required");
        }
        return value;
    }
}
