-- A user as the users API shows it (never the password hash), by login or all of them.
SELECT id, login, display_name, roles, regions, enabled, created_at, updated_at
FROM users
WHERE (:login::text IS NULL OR login = :login)
ORDER BY login
