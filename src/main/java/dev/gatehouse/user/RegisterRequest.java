package dev.gatehouse.user;

import dev.gatehouse.http.ControlCharacters;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /auth/register}: the password policy itself is enforced by {@link PasswordPolicy};
 * control characters are refused in every field (the contract's Conventions), never stripped.
 */
public record RegisterRequest(
        @NotBlank @Size(max = 254) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.REFUSAL)
        String email,

        @NotNull @Size(max = 1024) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.REFUSAL)
        String password,

        @Size(max = 200) @Pattern(regexp = ControlCharacters.NONE, message = ControlCharacters.REFUSAL)
        String name) {}
