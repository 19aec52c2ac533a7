package dev.gatehouse.oauth.client;

import java.util.List;

/** {@code GET /api/admin/clients}: {@code {items: [...]}}, secrets never included. */
public record ClientList(List<ClientMetadata> items) {}
