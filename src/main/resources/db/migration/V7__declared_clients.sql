-- Who owns a client. 'file': declared in the clients file (gatehouse.clients.file), created,
-- updated and deleted by its reconciler, and refused to the admin API. Null: registered through
-- the admin API, which the reconciler never touches.
ALTER TABLE oauth_client ADD COLUMN managed_by varchar(16);
CREATE INDEX oauth_client_managed_by_idx ON oauth_client (managed_by) WHERE managed_by IS NOT NULL;
