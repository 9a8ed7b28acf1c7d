-- Incidents as GeoJSON features for the dispatcher: exact location, status, deadline state
-- at :now, matter, department and grid. Filters are optional (NULL = any); the time window
-- is on reported_at. Used by the list, the live stream (one :id) and the map. For one :id,
-- its :reportedAt (from incident_key, key.sql) prunes to the incident's month (V10).
-- An incident outside every grid (grid_code NULL) is listed for admins only.
SELECT i.id,
       '{"type":"Feature","id":' || i.id
           || ',"geometry":' || ST_AsGeoJSON(i.geom, 7)
           || ',"properties":' || json_build_object(
                  'id', i.id,
                  'trackingCode', i.tracking_code,
                  'matterCode', i.matter_code,
                  'matterName', m.name,
                  'matterNameEn', m.name_en,
                  'departmentCode', i.department_code,
                  'departmentName', d.name,
                  'status', i.status,
                  'deadlineState', gridmap_deadline_state(i.status, i.reported_at, i.deadline, i.closed_at, :now),
                  'reportedAt', i.reported_at,
                  'deadline', i.deadline,
                  'closedAt', i.closed_at,
                  'gridCode', i.grid_code,
                  'gridName', (SELECT g.name FROM grid g
                               WHERE g.code = i.grid_code AND g.valid_from <= i.reported_at AND g.valid_to > i.reported_at),
                  'streetCode', i.street_code,
                  'channel', i.channel,
                  'description', left(i.description, 200))::text
           || '}' AS feature
FROM incident i
JOIN matter m ON m.code = i.matter_code
JOIN department d ON d.code = i.department_code
WHERE (:id::bigint IS NULL OR i.id = :id)
  AND (:reportedAt::timestamptz IS NULL OR i.reported_at = :reportedAt)
  AND (:from::timestamptz IS NULL OR i.reported_at >= :from)
  AND (:to::timestamptz IS NULL OR i.reported_at < :to)
  AND (:statuses::text[] IS NULL OR i.status = ANY (:statuses))
  AND (:matters::text[] IS NULL OR i.matter_code = ANY (:matters))
  AND (:departments::text[] IS NULL OR i.department_code = ANY (:departments))
  AND (:grid::text IS NULL OR i.grid_code = :grid)
  AND (:street::text IS NULL OR i.street_code = :street)
  -- the caller's regions as code prefixes (code%); NULL for admins (docs/security.md)
  AND (:regions::text[] IS NULL OR i.grid_code LIKE ANY (:regions))
  AND (:deadlineState::text IS NULL
       OR gridmap_deadline_state(i.status, i.reported_at, i.deadline, i.closed_at, :now) = :deadlineState)
  AND (:minx::float8 IS NULL OR i.geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326))
