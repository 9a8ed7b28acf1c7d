-- The incidents layer of a vector tile: the public view only (the ~100 m public_geom, category,
-- status, dates; never the reporter, description or exact point), newest first, at most
-- :maxFeatures per tile so a district-wide tile stays bounded; tiles that hit the cap say so
-- by their size, and clients zoom in (or use the hotspots layer) for the rest.
-- The points are found by their coordinate ranges rather than by &&, the same test for
-- points, so that incident_public_xy_idx (V9) answers from the index alone: a tile's points
-- lie scattered over the whole time-ordered table, and fetching them row by row took 1.5 s
-- for a busy z14 tile of the scaled dataset.
WITH bounds AS (SELECT ST_TileEnvelope(:z, :x, :y) AS merc, ST_Transform(ST_TileEnvelope(:z, :x, :y), 4326) AS wgs)
SELECT ST_AsMVT(t.*, 'incidents', 4096, 'geom')
FROM (SELECT ST_AsMVTGeom(ST_Transform(i.public_geom, 3857), bounds.merc, 4096, 64, true) AS geom,
             i.id, i.matter_code AS matter, i.status,
             to_char(i.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "reportedAt",
             to_char(i.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "closedAt"
      FROM incident i, bounds
      WHERE ST_X(i.public_geom) BETWEEN ST_XMin(bounds.wgs) AND ST_XMax(bounds.wgs)
        AND ST_Y(i.public_geom) BETWEEN ST_YMin(bounds.wgs) AND ST_YMax(bounds.wgs)
      ORDER BY i.reported_at DESC
      LIMIT :maxFeatures) t
WHERE t.geom IS NOT NULL
