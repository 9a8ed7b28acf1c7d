-- The addresses out of reach of every station (see gridmap_covered_addresses), as GeoJSON
-- points for the map, a page at a time in id order, optionally within a bbox; matched is
-- the number of uncovered addresses in the area and bbox.
WITH covered AS MATERIALIZED (SELECT id FROM gridmap_covered_addresses(:metres, :method, :snap, :buffer, :area)),
outside AS (SELECT a.id, a.address, a.households, a.grid_code, a.geom
            FROM address a
            WHERE (:area::text IS NULL OR a.grid_code LIKE :area || '%')
              AND (:minx::float8 IS NULL OR a.geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326))
              -- NOT IN: a hashed subplan, one probe per address (an anti-join may rescan the ids)
              AND a.id NOT IN (SELECT c.id FROM covered c))
SELECT '{"type":"Feature","id":' || o.id || ',"geometry":' || ST_AsGeoJSON(o.geom, 7)
           || ',"properties":' || json_build_object('address', o.address, 'households', o.households,
                                                    'gridCode', o.grid_code)::text || '}' AS feature,
       count(*) OVER () AS matched,
       sum(o.households) OVER () AS households
FROM outside o
ORDER BY o.id
LIMIT :limit OFFSET :offset
