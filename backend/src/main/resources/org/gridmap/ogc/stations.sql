-- Service stations as GeoJSON point features for /ogc/collections/stations, optionally one
-- code and a bbox; axes swapped on :flip. Stations are not versioned (no :at).
SELECT s.code AS id,
       '{"type":"Feature","id":' || to_json(s.code)::text
           || ',"geometry":' || ST_AsGeoJSON(CASE WHEN :flip THEN ST_FlipCoordinates(s.geom) ELSE s.geom END, 7)
           || ',"properties":' || json_build_object(
                  'code', s.code,
                  'name', s.name,
                  'type', s.station_type,
                  'address', s.address,
                  'hours', s.hours,
                  'phone', s.phone,
                  'services', s.services)::text
           || '}' AS feature
FROM service_station s
WHERE (:code::text IS NULL OR s.code = :code)
  AND (:minx::float8 IS NULL OR ST_Intersects(s.geom, ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)))
