-- Export rows written by PostGIS in the asked :format, over "src" (export-live.sql or
-- export-draft.sql), ordered by code, so Java only streams: a GeoJSON Feature (9 decimals,
-- 0.1 mm, enough for a lossless round trip of what a planner draws; rings counter-clockwise
-- per RFC 7946), a CSV line (RFC 4180 quoting; names starting with = + - @ get a leading
-- apostrophe so spreadsheets do not run them as formulas; WKT at full precision), or WKB
-- and attributes for the GeoPackage writer.
SELECT src.code,
       src.name,
       src.grid_type,
       src.households,
       src.population,
       src.community_code,
       left(src.code, 9) AS street_code,
       src.valid_from,
       CASE WHEN :format = 'gpkg' THEN ST_AsBinary(src.geom) END AS wkb,
       CASE
           WHEN :format = 'geojson' THEN
               '{"type":"Feature","id":' || to_json(src.code)::text
               || ',"geometry":' || ST_AsGeoJSON(ST_ForcePolygonCCW(src.geom), 9)
               || ',"properties":' || json_build_object(
                      'code', src.code,
                      'name', src.name,
                      'type', src.grid_type,
                      'households', src.households,
                      'population', src.population,
                      'communityCode', src.community_code,
                      'communityName', src.community_name,
                      'streetCode', left(src.code, 9),
                      'streetName', src.street_name,
                      'validFrom', src.valid_from)::text
               || '}'
           WHEN :format = 'csv' THEN
               concat_ws(',',
                   src.code,
                   '"' || replace(CASE WHEN src.name ~ '^[=+@-]' THEN '''' || src.name ELSE src.name END, '"', '""') || '"',
                   src.grid_type,
                   src.households,
                   src.population,
                   src.community_code,
                   left(src.code, 9),
                   '"' || replace(coalesce(src.community_name, ''), '"', '""') || '"',
                   coalesce(to_char(src.valid_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ''),
                   '"' || ST_AsText(ST_ForcePolygonCCW(src.geom)) || '"')
               || E'\r\n'
       END AS text
FROM src
ORDER BY src.code
