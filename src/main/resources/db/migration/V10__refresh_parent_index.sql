-- The successor of a refresh token is found by its parent's hash (a retry within the grace
-- spends the unused successor).
CREATE INDEX refresh_token_parent_idx ON refresh_token (parent_hash);
