-- Where a session (a refresh family) began: the client IP and User-Agent of the request that
-- started it (a login, a code exchange, a password grant), for GET /api/users/me/sessions.
-- Only the family's first token (generation 0) carries them; rotation leaves them null.
ALTER TABLE refresh_token ADD COLUMN user_agent varchar(256);
ALTER TABLE refresh_token ADD COLUMN ip varchar(64);
