-- Notice boards 网格公示牌: one JSON document per grid whose code starts with $1 (a whole
-- 15-digit grid code, a 12-digit community or a 9-digit street), in grid-code order, as
-- valid at $2. One query writes everything a printed board shows, so a street's boards
-- cost one round trip.
--
-- Staff, community, street and district are taken as valid at the same instant as the
-- grid, so an as-of board shows who served then.
--
-- Nearest stations are measured from a point inside the grid (ST_PointOnSurface: a
-- centroid can fall outside a concave grid). The KNN operator (<->) ranks by planar
-- degrees, which at 45°N stretches east-west by ~1.4; re-ranking the 12 nearest by index
-- by geodesic distance gives the true nearest 3 for any realistic station layout (as in
-- gridmap_lookup).
SELECT json_build_object(
           'grid', json_build_object('code', g.code, 'name', g.name, 'type', g.grid_type,
                                     'households', g.households, 'population', g.population,
                                     'hotline', g.service_hotline, 'duties', g.duties,
                                     'validFrom', CASE WHEN isfinite(g.valid_from) THEN g.valid_from END,
                                     'validTo', CASE WHEN isfinite(g.valid_to) THEN g.valid_to END),
           'community', json_build_object('code', c.code, 'name', c.name),
           'street', json_build_object('code', s.code, 'name', s.name),
           'district', json_build_object('code', d.code, 'name', d.name),
           'staff', coalesce((SELECT json_agg(json_build_object('role', st.role, 'name', st.name,
                                                                'phone', st.phone, 'duties', st.duties)
                                              ORDER BY st.sort_order, st.id)
                              FROM grid_staff st
                              WHERE st.grid_code = g.code
                                AND st.valid_from <= $2 AND st.valid_to > $2), '[]'::json),
           'stations', coalesce((SELECT json_agg(json_build_object('code', n.code, 'name', n.name,
                                                                   'type', n.station_type, 'address', n.address,
                                                                   'hours', n.hours, 'phone', n.phone,
                                                                   'lon', round(ST_X(n.geom)::numeric, 7),
                                                                   'lat', round(ST_Y(n.geom)::numeric, 7),
                                                                   'distanceMetres', n.metres)
                                                 ORDER BY n.metres, n.code)
                                 FROM (SELECT k.*, round(ST_Distance(k.geom::geography, centre::geography)) AS metres
                                       FROM (SELECT * FROM service_station ORDER BY geom <-> centre LIMIT 12) k
                                       ORDER BY metres, k.code
                                       LIMIT 3) n), '[]'::json),
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 7)::json,
           'bbox', json_build_array(round(ST_XMin(g.geom)::numeric, 7), round(ST_YMin(g.geom)::numeric, 7),
                                    round(ST_XMax(g.geom)::numeric, 7), round(ST_YMax(g.geom)::numeric, 7))
       )::text AS doc
FROM grid g
CROSS JOIN LATERAL ST_PointOnSurface(g.geom) AS centre
LEFT JOIN admin_area c ON c.level = 'community' AND c.code = g.community_code
                      AND c.valid_from <= $2 AND c.valid_to > $2
LEFT JOIN admin_area s ON s.level = 'street' AND s.code = left(g.code, 9)
                      AND s.valid_from <= $2 AND s.valid_to > $2
LEFT JOIN admin_area d ON d.level = 'district' AND d.code = left(g.code, 6)
                      AND d.valid_from <= $2 AND d.valid_to > $2
WHERE g.code LIKE $1 || '%'
  AND g.valid_from <= $2 AND g.valid_to > $2
ORDER BY g.code
