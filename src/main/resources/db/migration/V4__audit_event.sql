-- Audit trail (issue 5): one row per authentication event. Never a password, a token or a secret.
-- Rows older than gatehouse.audit.retention (default 90d) are pruned daily.
CREATE TABLE audit_event (
    id          bigserial     PRIMARY KEY,
    at          timestamptz   NOT NULL,
    type        varchar(32)   NOT NULL,
    outcome     varchar(16)   NOT NULL,
    user_id     varchar(255),
    client_id   varchar(255),
    ip          varchar(64),
    user_agent  varchar(256),
    request_id  varchar(64),
    detail      varchar(500)
);

-- GET /api/admin/audit pages newest first by (at, id); each filter has its own index.
CREATE INDEX audit_event_at_idx ON audit_event (at DESC, id DESC);
CREATE INDEX audit_event_type_at_idx ON audit_event (type, at DESC, id DESC);
CREATE INDEX audit_event_user_at_idx ON audit_event (user_id, at DESC, id DESC) WHERE user_id IS NOT NULL;
CREATE INDEX audit_event_client_at_idx ON audit_event (client_id, at DESC, id DESC) WHERE client_id IS NOT NULL;
