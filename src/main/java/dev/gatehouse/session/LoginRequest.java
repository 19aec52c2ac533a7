package dev.gatehouse.session;

import dev.gatehouse.http.ControlCharacters;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/login}; control characters are refused, never stripped. */
public record LoginRequest(
        @NotBlank @Size(max = 254) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.REFUSAL)
        String email,

        @NotNull @Size(max = 1024) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.REFUSAL)
        String password) {}
