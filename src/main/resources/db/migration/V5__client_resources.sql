-- RFC 8707 resource indicators a client may ask for, space-separated; the first is the default
-- audience of its tokens. Empty: its tokens are for the client itself (or Gatehouse's API with a
-- Gatehouse scope).
ALTER TABLE oauth_client ADD COLUMN resources text NOT NULL DEFAULT '';
