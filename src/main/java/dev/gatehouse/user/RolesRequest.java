package dev.gatehouse.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code PUT /api/admin/users/{id}/roles}: {@code {"roles": ["admin", "user"]}}. */
public record RolesRequest(@NotNull @Size(max = 20) List<@NotNull @Size(min = 1, max = 64) String> roles) {}
