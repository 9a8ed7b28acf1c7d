-- The public view of incidents for /ogc/collections/incidents (一事一公开): category, status
-- and dates, at the ~100 m cell centre (public_geom), never the exact point, the reporter,
-- the description or the notes. Optionally one id and a bbox; axes swapped on :flip.
-- The id stays a number so that pages are ordered by it through the primary key (as text,
-- every page sorted all the incidents: 2 s a page of a million).
SELECT i.id AS id,
       '{"type":"Feature","id":' || i.id
           || ',"geometry":' || ST_AsGeoJSON(CASE WHEN :flip THEN ST_FlipCoordinates(i.public_geom) ELSE i.public_geom END, 7)
           || ',"properties":' || json_build_object(
                  'trackingCode', i.tracking_code,
                  'matterCode', i.matter_code,
                  'matterName', m.name,
                  'matterNameEn', m.name_en,
                  'departmentName', d.name,
                  'status', i.status,
                  'reportedAt', i.reported_at,
                  'updatedAt', i.updated_at,
                  'deadline', i.deadline,
                  'closedAt', i.closed_at,
                  'gridCode', i.grid_code)::text
           || '}' AS feature
FROM incident i
JOIN matter m ON m.code = i.matter_code
JOIN department d ON d.code = i.department_code
-- One id through the primary key's index in each month (as text it read every incident);
-- an id that is not a number matches nothing rather than failing the cast.
WHERE (:code::text IS NULL OR i.id = CASE WHEN :code ~ '^[0-9]{1,18}$' THEN :code::bigint END)
  AND (:minx::float8 IS NULL OR ST_Intersects(i.public_geom, ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)))
