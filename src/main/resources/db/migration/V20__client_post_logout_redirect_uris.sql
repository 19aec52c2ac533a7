-- OpenID Connect RP-Initiated Logout 1.0 §3.1: the URIs a client may be sent back to after a
-- logout, registered like redirect_uris (RFC 7591 metadata post_logout_redirect_uris), space-separated
-- and matched exactly. Empty: the logout ends on Gatehouse's own page.
ALTER TABLE oauth_client ADD COLUMN post_logout_redirect_uris text NOT NULL DEFAULT '';
