package dev.gatehouse.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/users/me/password}. */
public record ChangePasswordRequest(
        @NotNull @Size(max = 1024) String currentPassword,
        @NotNull @Size(max = 1024) String newPassword) {
}
