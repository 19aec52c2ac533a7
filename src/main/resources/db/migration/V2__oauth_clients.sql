-- OAuth 2.0 clients, registered through the admin API with RFC 7591 metadata.

CREATE TABLE oauth_client (
    client_id                  varchar(128)  PRIMARY KEY,
    client_name                varchar(200)  NOT NULL,
    -- SHA-256 of the server-generated secret (256 random bits); null for public clients
    secret_hash                bytea,
    -- space-separated lists
    redirect_uris              text          NOT NULL,
    grant_types                varchar(200)  NOT NULL,
    token_endpoint_auth_method varchar(32)   NOT NULL,
    scope                      varchar(1000) NOT NULL,
    -- per-client lifetimes in seconds; null means the service default
    access_token_ttl           integer,
    refresh_token_ttl          integer,
    created_at                 timestamptz   NOT NULL,
    updated_at                 timestamptz   NOT NULL
);
