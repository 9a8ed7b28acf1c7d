-- Live grids for GET /api/v1/grids/export: valid at :at, optionally one street's or one
-- community's, ordered by code. PostGIS writes each row in the asked :format, so Java only
-- streams: a GeoJSON Feature (9 decimals, 0.1 mm, enough for a lossless round trip of what
-- a planner draws; rings counter-clockwise per RFC 7946), a CSV line (RFC 4180 quoting;
-- names starting with = + - @ get a leading apostrophe so spreadsheets do not run them as
-- formulas; WKT at full precision), or WKB and attributes for the GeoPackage writer.
SELECT g.code,
       g.name,
       g.grid_type,
       g.households,
       g.population,
       g.community_code,
       left(g.code, 9) AS street_code,
       CASE WHEN :format = 'gpkg' THEN ST_AsBinary(g.geom) END AS wkb,
       CASE WHEN isfinite(g.valid_from) THEN g.valid_from END AS valid_from,
       CASE
           WHEN :format = 'geojson' THEN
               '{"type":"Feature","id":' || to_json(g.code)::text
               || ',"geometry":' || ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 9)
               || ',"properties":' || json_build_object(
                      'code', g.code,
                      'name', g.name,
                      'type', g.grid_type,
                      'households', g.households,
                      'population', g.population,
                      'communityCode', g.community_code,
                      'communityName', c.name,
                      'streetCode', left(g.code, 9),
                      'streetName', s.name,
                      'validFrom', CASE WHEN isfinite(g.valid_from) THEN g.valid_from END)::text
               || '}'
           WHEN :format = 'csv' THEN
               concat_ws(',',
                   g.code,
                   '"' || replace(CASE WHEN g.name ~ '^[=+@-]' THEN '''' || g.name ELSE g.name END, '"', '""') || '"',
                   g.grid_type,
                   g.households,
                   g.population,
                   g.community_code,
                   left(g.code, 9),
                   '"' || replace(coalesce(c.name, ''), '"', '""') || '"',
                   CASE WHEN isfinite(g.valid_from) THEN to_char(g.valid_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') ELSE '' END,
                   '"' || ST_AsText(ST_ForcePolygonCCW(g.geom)) || '"')
               || E'\r\n'
       END AS text
FROM grid g
LEFT JOIN admin_area c ON c.code = g.community_code AND c.valid_from <= :at AND c.valid_to > :at
LEFT JOIN admin_area s ON s.code = c.parent_code AND s.valid_from <= :at AND s.valid_to > :at
WHERE g.valid_from <= :at AND g.valid_to > :at
  AND (:street::text IS NULL OR left(g.code, 9) = :street)
  AND (:community::text IS NULL OR g.community_code = :community)
ORDER BY g.code
