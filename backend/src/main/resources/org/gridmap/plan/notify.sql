-- Announces a grid change on channel gridmap_grids_changed from inside the transaction, so
-- that it is delivered on commit only (a rolled-back publish announces nothing). Caches and
-- other instances (the in-memory lookup index) reload the street's grids. phase is
-- 'published' when the new versions are written, 'activated' when addresses and incidents
-- have followed them.
SELECT pg_notify('gridmap_grids_changed', json_build_object(
           'planId', p.id,
           'parent', p.parent_code,
           'street', p.street_code,
           'effective', to_char(p.effective_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'phase', :phase,
           'grids', (SELECT coalesce(json_agg(DISTINCT g.code), '[]'::json) FROM grid g
                     WHERE g.opened_by_plan = p.id OR g.closed_by_plan = p.id))::text)
FROM plan p
WHERE p.id = :plan
