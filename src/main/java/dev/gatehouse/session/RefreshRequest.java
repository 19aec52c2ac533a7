package dev.gatehouse.session;

import jakarta.validation.constraints.Size;

/** {@code POST /auth/refresh} and {@code POST /auth/logout}: {@code {refreshToken}}. */
public record RefreshRequest(@Size(max = 512) String refreshToken) {
}
