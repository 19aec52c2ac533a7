package dev.gatehouse.user;

import dev.gatehouse.http.ControlCharacters;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/users/me/password}; control characters are refused, never stripped. */
public record ChangePasswordRequest(
        @NotNull @Size(max = 1024) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.REFUSAL)
        String currentPassword,

        @NotNull @Size(max = 1024) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.REFUSAL)
        String newPassword) {}
