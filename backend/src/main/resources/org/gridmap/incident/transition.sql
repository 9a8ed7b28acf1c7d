-- Moves an incident to its next status, checked against the version read under lock, and
-- records the fields that the step sets (department on dispatch, reason on reject, rating).
-- :reportedAt (from incident_key, key.sql) prunes the update to the incident's month (V10).
UPDATE incident
SET status            = :to,
    version           = version + 1,
    updated_at        = now(),
    closed_at         = CASE WHEN :to = 'closed' THEN coalesce(closed_at, now()) WHEN :to = 'registered' THEN NULL
                             ELSE closed_at END,
    department_code   = coalesce(:department, department_code),
    reject_reason     = coalesce(:reason, reject_reason),
    duplicate_of      = coalesce(:duplicateOf, duplicate_of),
    satisfaction      = coalesce(:rating, satisfaction),
    satisfaction_note = coalesce(:ratingNote, satisfaction_note)
WHERE id = :id AND version = :version
  AND reported_at = :reportedAt
