-- A partial update by the users API: each NULL parameter leaves its column as it is.
UPDATE users
SET display_name  = coalesce(:displayName, display_name),
    roles         = coalesce(:roles::text[], roles),
    regions       = coalesce(:regions::text[], regions),
    enabled       = coalesce(:enabled, enabled),
    password_hash = coalesce(:passwordHash, password_hash),
    failed_logins = CASE WHEN :passwordHash::text IS NULL THEN failed_logins ELSE 0 END,
    updated_at    = now()
WHERE login = :login
RETURNING id
