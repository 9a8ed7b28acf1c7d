-- Open incidents in a box around a plan's area: those whose grid a plan may change.
SELECT id, tracking_code, status, grid_code, ST_X(geom) AS lon, ST_Y(geom) AS lat
FROM incident
WHERE status NOT IN ('closed', 'rejected')
  AND geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)
ORDER BY id
