package dev.gatehouse.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Whether the audited action succeeded; wire names {@code success} and {@code failure}. */
public enum Outcome {
    SUCCESS("success"),
    FAILURE("failure");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The outcome with this wire name, if any. */
    public static Optional<Outcome> fromWireName(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }
}
