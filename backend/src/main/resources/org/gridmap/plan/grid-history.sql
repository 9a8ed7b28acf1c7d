-- Every version of a grid, oldest first, with its validity and the plans (with publisher and
-- the authors of the changes that named the grid) that opened and closed it: the audit
-- trail of GET /api/v1/grids/{code}/history. NULL validity bounds mean unbounded.
WITH versions AS (
    SELECT g.*, ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 15)::json AS geometry FROM grid g WHERE g.code = :code
),
plans AS (
    SELECT p.id, json_build_object(
               'planId', p.id, 'planName', p.name, 'publishedBy', p.published_by, 'publishedAt', p.published_at,
               'authors', (SELECT coalesce(json_agg(DISTINCT c.author), '[]'::json) FROM plan_change c
                           WHERE c.plan_id = p.id
                             AND c.kind IN ('reshape', 'split', 'merge', 'create', 'delete', 'attributes', 'staff'))
           ) AS doc
    FROM plan p
    WHERE p.id IN (SELECT opened_by_plan FROM versions UNION SELECT closed_by_plan FROM versions)
)
SELECT json_build_object(
           'code', :code,
           'versions', coalesce(json_agg(json_build_object(
               'version', v.id,
               'validFrom', CASE WHEN isfinite(v.valid_from) THEN v.valid_from END,
               'validTo', CASE WHEN isfinite(v.valid_to) THEN v.valid_to END,
               'name', v.name, 'type', v.grid_type, 'households', v.households, 'population', v.population,
               'hotline', v.service_hotline,
               'openedBy', (SELECT doc FROM plans WHERE id = v.opened_by_plan),
               'closedBy', (SELECT doc FROM plans WHERE id = v.closed_by_plan),
               'geometry', v.geometry) ORDER BY v.valid_from, v.id), '[]'::json))::text AS history,
       count(*) AS versions
FROM versions v
