-- The grids layer of a vector tile (Mapbox Vector Tile, written by PostGIS): live grids
-- intersecting the tile, clipped and quantised to the tile's 4096 grid with a 64-unit
-- buffer, in Web Mercator as MVT requires. Below zoom 12 shapes are simplified to about a
-- pixel first (:tolerance, in degrees), so district-wide tiles stay small.
WITH bounds AS (SELECT ST_TileEnvelope(:z, :x, :y) AS merc, ST_Transform(ST_TileEnvelope(:z, :x, :y), 4326) AS wgs)
SELECT ST_AsMVT(t.*, 'grids', 4096, 'geom')
FROM (SELECT ST_AsMVTGeom(ST_Transform(CASE WHEN :tolerance > 0 THEN ST_SimplifyPreserveTopology(g.geom, :tolerance)
                                            ELSE g.geom END, 3857),
                          bounds.merc, 4096, 64, true) AS geom,
             g.code, g.name, g.grid_type AS type, g.households, g.population,
             g.community_code AS "communityCode", left(g.code, 9) AS "streetCode"
      FROM grid g, bounds
      WHERE g.valid_to = 'infinity' AND g.geom && bounds.wgs AND ST_Intersects(g.geom, bounds.wgs)) t
WHERE t.geom IS NOT NULL
