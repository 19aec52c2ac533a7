-- DPoP (RFC 9449). A public client's refresh family bound to the key its first token was issued
-- with (§5): the RFC 7638 thumbprint, kept by every rotation; NULL for an unbound family.
ALTER TABLE refresh_token ADD COLUMN dpop_jkt text;
-- RFC 9449 §5.2 client metadata dpop_bound_access_tokens: token requests without a proof are refused.
ALTER TABLE oauth_client ADD COLUMN dpop_bound_access_tokens boolean NOT NULL DEFAULT false;
