package dev.gatehouse.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/login}. */
public record LoginRequest(
        @NotBlank @Size(max = 254) String email,
        @NotNull @Size(max = 1024) String password) {
}
