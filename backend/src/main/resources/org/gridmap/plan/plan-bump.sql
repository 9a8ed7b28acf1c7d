-- Every write to a plan bumps its version (its ETag), under the row lock the write holds.
UPDATE plan
SET version = version + 1, updated_by = :author, updated_at = now(),
    name = coalesce(:name, name), effective_date = coalesce(:effectiveDate, effective_date)
WHERE id = :id
