-- The hotspots layer of a vector tile: the Gi* cells of gi-star.sql, clipped to the tile
-- :z/:x/:y. The study area is the tile :az/:ax/:ay (the requested tile, or its ancestor at
-- the zoom where cells stop shrinking) widened by :margin on every side, so that every
-- neighbour of a cell drawn in the tile lies wholly inside it and its count is complete
-- (HotspotTileController explains the choice). Like hotspots.sql, only cells with incidents
-- and significant cells are written; in i, j order, so that equal data gives equal bytes.
WITH tile AS (SELECT ST_TileEnvelope(:z, :x, :y) AS merc),
area AS NOT MATERIALIZED (SELECT ST_Transform(s.merc, 4326) AS wgs, s.merc
         FROM (SELECT ST_Expand(ST_TileEnvelope(:az, :ax, :ay), :margin) AS merc) s),
-- @include gi-star.sql
SELECT ST_AsMVT(t.*, 'hotspots', 4096, 'geom')
FROM (SELECT ST_AsMVTGeom(c.geom, tile.merc, 4096, 64, true) AS geom,
             c.n::int AS count, round(c.z::numeric, 3)::float8 AS z, round(c.p::numeric, 5)::float8 AS p,
             c.class, c.confidence
      FROM classified c, tile
      WHERE c.n > 0 OR c.class <> 'none'
      ORDER BY c.i, c.j) t
WHERE t.geom IS NOT NULL
