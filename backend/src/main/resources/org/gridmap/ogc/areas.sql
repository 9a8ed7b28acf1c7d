-- Districts, streets/townships and communities/villages as GeoJSON features, for the
-- /ogc collections of those levels. One row per live area at :at, optionally one code and a
-- bbox. PostGIS writes each feature; exterior rings are forced counter-clockwise (RFC 7946)
-- and the axes swapped when the client asked for EPSG:4326/4490 (latitude first).
SELECT a.code AS id,
       '{"type":"Feature","id":' || to_json(a.code)::text
           || ',"geometry":' || ST_AsGeoJSON(CASE WHEN :flip THEN ST_FlipCoordinates(ST_ForcePolygonCCW(a.geom))
                                                  ELSE ST_ForcePolygonCCW(a.geom) END, 7)
           || ',"properties":' || json_build_object(
                  'code', a.code,
                  'name', a.name,
                  'kind', a.kind,
                  'parentCode', a.parent_code,
                  'validFrom', CASE WHEN isfinite(a.valid_from) THEN a.valid_from END,
                  'validTo', CASE WHEN isfinite(a.valid_to) THEN a.valid_to END)::text
           || '}' AS feature
FROM admin_area a
WHERE a.level = :level
  AND a.valid_from <= :at AND a.valid_to > :at
  AND (:code::text IS NULL OR a.code = :code)
  AND (:minx::float8 IS NULL OR ST_Intersects(a.geom, ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)))
