-- Hotspots: incidents counted in hexagonal cells over a bbox, each cell classed by the
-- Getis-Ord Gi* statistic (gi-star.sql; the method is documented in HotspotController). The
-- study area is the bbox; the answer holds the cells with incidents and the significant ones.
WITH area AS NOT MATERIALIZED (SELECT ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326) AS wgs,
                     ST_Transform(ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326), 3857) AS merc),
-- @include gi-star.sql
SELECT '{"type":"Feature","geometry":' || ST_AsGeoJSON(ST_Transform(c.geom, 4326), 7)
           || ',"properties":' || json_build_object(
                  'count', c.n::int,
                  'z', round(c.z::numeric, 3),
                  'p', round(c.p::numeric, 5),
                  'class', c.class,
                  'confidence', c.confidence)::text
           || '}' AS feature,
       c.cells
FROM classified c
WHERE c.n > 0 OR c.class <> 'none'
ORDER BY c.i, c.j
