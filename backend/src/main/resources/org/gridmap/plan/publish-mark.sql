-- Marks a plan published, with the outline of everything it changed (old and new
-- versions), where addresses and open incidents have to follow.
UPDATE plan
SET status = 'published', published_by = :author, published_at = :now, effective_at = :at,
    version = version + 1, updated_by = :author, updated_at = :now,
    changed_area = (SELECT ST_Union(geom) FROM grid WHERE opened_by_plan = :plan OR closed_by_plan = :plan)
WHERE id = :plan
