-- Plans with their parent area (as it is now) and the number of grid changes in force in
-- their log (undone ones not counted),
-- for GET /api/v1/plans and every write (one plan by :id). :parent matches the plan's own
-- parent or its street, so a street's page also lists the plans of its communities.
SELECT p.id, p.name, p.parent_code, a.level AS parent_level, a.kind AS parent_kind, a.name AS parent_name,
       p.effective_date, p.status, p.version,
       (SELECT count(*) FILTER (WHERE c.kind IN ('reshape', 'split', 'merge', 'create', 'delete', 'attributes', 'staff'))
               - count(*) FILTER (WHERE c.kind = 'undo')
        FROM plan_change c WHERE c.plan_id = p.id) AS changes,
       p.created_by, p.created_at, p.updated_by, p.updated_at, p.published_by, p.published_at, p.effective_at,
       p.applied_at, p.discarded_by, p.discarded_at
FROM plan p
LEFT JOIN admin_area a ON a.code = p.parent_code AND a.valid_from <= now() AND a.valid_to > now()
WHERE (:id::bigint IS NULL OR p.id = :id)
  AND (:status::text IS NULL OR p.status = :status)
  AND (:parent::text IS NULL OR p.parent_code = :parent OR p.street_code = :parent)
ORDER BY p.id DESC
LIMIT 500
