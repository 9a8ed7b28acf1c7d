-- One grid version (valid at :at) as a GeoJSON Feature written by PostGIS, with its
-- community, notice-board staff, validity and the plan that opened it, for
-- GET /api/v1/grids/{code}. version is the row id: what plan changes record as their base.
SELECT '{"type":"Feature","id":' || to_json(g.code)::text
           || ',"geometry":' || ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 15)
           || ',"properties":' || json_build_object(
                  'code', g.code,
                  'version', g.id,
                  'name', g.name,
                  'type', g.grid_type,
                  'households', g.households,
                  'population', g.population,
                  'communityCode', g.community_code,
                  'communityName', c.name,
                  'streetCode', c.parent_code,
                  'hotline', g.service_hotline,
                  'duties', g.duties,
                  'staff', (SELECT coalesce(json_agg(json_build_object('role', s.role, 'name', s.name, 'phone', s.phone,
                                                                      'duties', s.duties)
                                                     ORDER BY s.sort_order, s.id), '[]'::json)
                            FROM grid_staff s
                            WHERE s.grid_code = g.code AND s.valid_from <= :at AND s.valid_to > :at),
                  'validFrom', CASE WHEN isfinite(g.valid_from) THEN g.valid_from END,
                  'validTo', CASE WHEN isfinite(g.valid_to) THEN g.valid_to END,
                  'openedByPlan', g.opened_by_plan)::text
           || '}' AS feature
FROM grid g
LEFT JOIN admin_area c ON c.code = g.community_code AND c.valid_from <= :at AND c.valid_to > :at
WHERE g.code = :code AND g.valid_from <= :at AND g.valid_to > :at
