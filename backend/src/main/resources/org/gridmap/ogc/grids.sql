-- Grids as GeoJSON features for /ogc/collections/grids: live at :at, optionally one code and
-- a bbox, with the community/street chain and the public notice-board staff (names, roles
-- and public phones are published on the board by design; nothing else about people is).
-- PostGIS writes each feature; rings counter-clockwise (RFC 7946); axes swapped on :flip.
SELECT g.code AS id,
       '{"type":"Feature","id":' || to_json(g.code)::text
           || ',"geometry":' || ST_AsGeoJSON(CASE WHEN :flip THEN ST_FlipCoordinates(ST_ForcePolygonCCW(g.geom))
                                                  ELSE ST_ForcePolygonCCW(g.geom) END, 7)
           || ',"properties":' || json_build_object(
                  'code', g.code,
                  'name', g.name,
                  'type', g.grid_type,
                  'households', g.households,
                  'population', g.population,
                  'communityCode', g.community_code,
                  'communityName', c.name,
                  'streetCode', c.parent_code,
                  'streetName', s.name,
                  'hotline', g.service_hotline,
                  'staff', (SELECT coalesce(json_agg(json_build_object('role', st.role, 'name', st.name, 'phone', st.phone)
                                                     ORDER BY st.sort_order, st.id), '[]'::json)
                            FROM grid_staff st
                            WHERE st.grid_code = g.code AND st.valid_from <= :at AND st.valid_to > :at),
                  'validFrom', CASE WHEN isfinite(g.valid_from) THEN g.valid_from END,
                  'validTo', CASE WHEN isfinite(g.valid_to) THEN g.valid_to END)::text
           || '}' AS feature
FROM grid g
LEFT JOIN admin_area c ON c.code = g.community_code AND c.valid_from <= :at AND c.valid_to > :at
LEFT JOIN admin_area s ON s.code = c.parent_code AND s.valid_from <= :at AND s.valid_to > :at
WHERE g.valid_from <= :at AND g.valid_to > :at
  AND (:code::text IS NULL OR g.code = :code)
  AND (:minx::float8 IS NULL OR ST_Intersects(g.geom, ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)))
