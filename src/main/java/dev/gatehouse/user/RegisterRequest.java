package dev.gatehouse.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/register}: the password policy itself is enforced by {@link PasswordPolicy}. */
public record RegisterRequest(
        @NotBlank @Size(max = 254) String email,
        @NotNull @Size(max = 1024) String password,
        @Size(max = 200) String name) {
}
