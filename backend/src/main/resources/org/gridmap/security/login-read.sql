-- What a sign-in needs of a user: the hash to check and the recent failures to limit guessing.
SELECT id, password_hash, enabled, failed_logins, last_failed_at
FROM users
WHERE login = :login
