-- The signed-in user behind a session token (by its hash), on every staff request: the
-- primary key finds the session, and roles and regions are read fresh, so a change by an
-- admin takes effect on the next request; a disabled user or an expired session finds nothing.
SELECT u.login, u.display_name, u.roles, u.regions
FROM user_session s
JOIN users u ON u.id = s.user_id
WHERE s.token_hash = :hash
  AND s.expires_at > now()
  AND u.enabled
