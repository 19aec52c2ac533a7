-- Users, signing keys and refresh-token families: the foundation of Gatehouse.

CREATE TABLE user_account (
    id               uuid PRIMARY KEY,
    email            varchar(320) NOT NULL,
    -- NFKC, trimmed and lower-cased: the unique identity of the account.
    email_normalized varchar(320) NOT NULL,
    name             varchar(200),
    password_hash    varchar(255) NOT NULL,
    -- space-separated role names, e.g. 'user admin'
    roles            varchar(1000) NOT NULL,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    CONSTRAINT user_account_email_normalized_key UNIQUE (email_normalized)
);
CREATE INDEX user_account_created_at_idx ON user_account (created_at, id);

CREATE TABLE signing_key (
    kid            varchar(64) PRIMARY KEY,
    alg            varchar(16) NOT NULL,
    -- 'active' signs; 'retired' only verifies until verify_until
    status         varchar(16) NOT NULL,
    public_key     bytea       NOT NULL,  -- X.509 SubjectPublicKeyInfo (DER)
    private_key    bytea       NOT NULL,  -- AES-256-GCM(master key): nonce || ciphertext
    master_key_id  varchar(32) NOT NULL,  -- which master key encrypted it (a fingerprint)
    created_at     timestamptz NOT NULL,
    retired_at     timestamptz,
    verify_until   timestamptz
);
-- At most one active key, even when replicas start together.
CREATE UNIQUE INDEX signing_key_one_active_idx ON signing_key (status) WHERE status = 'active';

CREATE TABLE refresh_token (
    id                  uuid PRIMARY KEY,
    token_hash          bytea        NOT NULL,  -- SHA-256 of the token; the token itself is never stored
    family_id           uuid         NOT NULL,  -- every token descended from one login
    generation          integer      NOT NULL,
    parent_hash         bytea,
    user_id             uuid         REFERENCES user_account (id) ON DELETE CASCADE,
    client_id           varchar(128) NOT NULL,
    scope               varchar(1000) NOT NULL,
    created_at          timestamptz  NOT NULL,
    consumed_at         timestamptz,
    revoked_at          timestamptz,
    idle_expires_at     timestamptz  NOT NULL,
    absolute_expires_at timestamptz  NOT NULL,
    CONSTRAINT refresh_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);
CREATE INDEX refresh_token_client_idx ON refresh_token (client_id);
