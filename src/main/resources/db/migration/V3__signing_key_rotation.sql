-- Key rotation: a 'next' key is published in the JWKS before it signs.
ALTER TABLE signing_key ADD COLUMN activated_at timestamptz;
UPDATE signing_key SET activated_at = created_at WHERE status = 'active';
CREATE UNIQUE INDEX signing_key_one_next_idx ON signing_key (status) WHERE status = 'next';
