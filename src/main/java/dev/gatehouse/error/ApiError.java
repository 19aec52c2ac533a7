package dev.gatehouse.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The contract's error body (the RFC 6749 §5.2 shape). */
@RegisterForReflection
public record ApiError(
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {}
