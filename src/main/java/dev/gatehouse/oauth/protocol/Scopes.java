package dev.gatehouse.oauth.protocol;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** RFC 6749 §3.3 scope handling: a client may ask only for scopes it was registered with. */
public final class Scopes {

    private Scopes() {}

    /** The granted scope: all allowed scopes when none is asked for, else exactly the asked ones. */
    public static String grant(String requested, Set<String> allowed) {
        if (requested == null) {
            return String.join(" ", allowed);
        }
        Set<String> asked = parse(requested);
        if (!allowed.containsAll(asked)) {
            throw new ApiException(ErrorCode.INVALID_SCOPE, "The requested scope exceeds what this client may ask for");
        }
        return String.join(" ", asked);
    }

    public static Set<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return new LinkedHashSet<>();
        }
        return new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")));
    }
}
