-- Users (V11) are written by admins and by sign-in itself (failed attempts, locks): audit them
-- like every other table staff change (V12), never with the password hash in the log.
-- Sessions are not audited: a row per sign-in holding a token hash is not history anyone needs.
SELECT gridmap_audit_enable('users', 'id', 'password_hash');
