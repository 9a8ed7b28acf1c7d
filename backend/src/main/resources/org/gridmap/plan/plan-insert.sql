-- A new draft plan, with the first entry of its audit trail (who created it, with what).
WITH created AS (
    INSERT INTO plan (name, parent_code, effective_date, created_by, updated_by)
    VALUES (:name, :parent, :effectiveDate, :author, :author)
    RETURNING id, created_by
)
INSERT INTO plan_change (plan_id, seq, kind, author, body)
SELECT id, 1, 'plan', created_by, :body::jsonb FROM created
RETURNING plan_id
