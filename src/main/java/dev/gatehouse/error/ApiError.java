package dev.gatehouse.error;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The contract's error body (the RFC 6749 §5.2 shape). */
@RegisterForReflection
public record ApiError(
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {
}
