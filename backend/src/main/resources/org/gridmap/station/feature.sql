-- Stations as GeoJSON features for the management API: the list (optional type and street
-- filters, :code for one station) with the street each lies in now, and the version that
-- the ETag is made of. The street is matched by code or name; a station outside every
-- street still lists (street null).
SELECT s.code, s.version,
       '{"type":"Feature","id":' || to_json(s.code)::text
           || ',"geometry":' || ST_AsGeoJSON(s.geom, 7)
           || ',"properties":' || json_build_object(
                  'code', s.code,
                  'name', s.name,
                  'type', s.station_type,
                  'address', s.address,
                  'hours', s.hours,
                  'phone', s.phone,
                  'services', s.services,
                  'street', (SELECT json_build_object('code', a.code, 'name', a.name)
                             FROM admin_area a
                             WHERE a.level = 'street' AND a.valid_from <= now() AND a.valid_to > now()
                               AND ST_Intersects(a.geom, s.geom)
                             ORDER BY a.code LIMIT 1),
                  'version', s.version,
                  'updatedAt', s.updated_at)::text
           || '}' AS feature,
       count(*) OVER () AS matched
FROM service_station s
WHERE (:code::text IS NULL OR s.code = :code)
  AND (:type::text IS NULL OR s.station_type = :type)
  AND (:street::text IS NULL OR EXISTS (
          SELECT 1 FROM admin_area a
          WHERE a.level = 'street' AND (a.code = :street OR a.name = :street)
            AND a.valid_from <= now() AND a.valid_to > now() AND ST_Intersects(a.geom, s.geom)))
ORDER BY s.code
LIMIT :limit OFFSET :offset
