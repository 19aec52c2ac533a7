-- The browser session of /oauth2/authorize (its public id, the ID token's sid) that a code flow's
-- refresh family began in, on the family's first token (generation 0). An RP-initiated logout of
-- the session revokes the family from here (RP-Initiated Logout 1.0 §2); the link used to live only
-- in Redis, where a restart without persistence or a failover's last second could lose it.
ALTER TABLE refresh_token ADD COLUMN browser_sid varchar(64);
CREATE INDEX refresh_token_browser_sid_idx ON refresh_token (browser_sid) WHERE browser_sid IS NOT NULL;
