-- Getis-Ord Gi* over hexagonal cells: the common body of hotspots.sql (cells as GeoJSON) and
-- hotspot-tile.sql (cells as a vector tile), which include it after their own "area" CTE
-- (area.wgs and area.merc: the study area in WGS 84 and Web Mercator), so that both give
-- the same cells and the same classes (the method is documented in HotspotController).
--   cells      every hexagon of edge :edge (Web Mercator units) that meets the study area,
--              empty cells included
--   points     the incidents in the study area and filters, each placed in exactly one cell
--              (lowest i, j on a shared edge) by asking ST_HexagonGrid for the cells over the
--              point alone: the grid is anchored at the origin, so i, j are the same as in cells
--   local      the sum over the cell itself and its (up to) 6 neighbours (binary weights),
--              found by index offsets and confirmed by centre distance
--   ranked     Gi* z-score and two-sided p-value per cell, ranked by p
--   cutoffs    the Benjamini-Hochberg false discovery rate at 10, 5 and 1 %, so that random
--              data yields no significant cells
--   classified every cell with its count, z, p, class (hot/cold/none) and confidence
cells AS (SELECT h.i, h.j, h.geom, ST_Centroid(h.geom) AS centre
          FROM area, ST_HexagonGrid(:edge, area.merc) AS h),
points AS MATERIALIZED (SELECT i.id, ST_Transform(i.geom, 3857) AS geom
           FROM incident i, area
           WHERE i.geom && area.wgs
             AND i.reported_at >= :from AND i.reported_at < :to
             AND (:matters::text[] IS NULL OR i.matter_code = ANY (:matters))
             AND (:statuses::text[] IS NULL OR i.status = ANY (:statuses))),
placed AS (SELECT p.id, h.i, h.j
           FROM points p
           CROSS JOIN LATERAL (SELECT h.i, h.j FROM ST_HexagonGrid(:edge, p.geom) AS h
                               WHERE ST_Intersects(h.geom, p.geom)
                               ORDER BY h.i, h.j LIMIT 1) h),
counts AS MATERIALIZED (SELECT c.i, c.j, c.geom, c.centre, count(placed.id)::float8 AS n
           FROM cells c LEFT JOIN placed ON placed.i = c.i AND placed.j = c.j
           GROUP BY c.i, c.j, c.geom, c.centre),
overall AS MATERIALIZED (SELECT count(*)::float8 AS m, avg(n) AS mean, sqrt(greatest(avg(n * n) - avg(n) ^ 2, 0)) AS s
            FROM counts),
local AS (SELECT a.i, a.j, sum(b.n) AS local_sum, count(*)::float8 AS w
          FROM counts a
          CROSS JOIN (VALUES (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)) AS o(di, dj)
          JOIN counts b ON b.i = a.i + o.di AND b.j = a.j + o.dj
          WHERE ST_DWithin(a.centre, b.centre, 1.8 * :edge)
          GROUP BY a.i, a.j),
gi AS (SELECT c.i, c.j, c.geom, c.n,
              CASE WHEN o.s > 0 AND o.m > 1
                   THEN (l.local_sum - o.mean * l.w) / (o.s * sqrt((o.m * l.w - l.w * l.w) / (o.m - 1)))
              END AS z
       FROM counts c JOIN local l USING (i, j) CROSS JOIN overall o),
ranked AS MATERIALIZED (SELECT gi.*, gridmap_normal_p(z) AS p,
                  rank() OVER (ORDER BY gridmap_normal_p(z) NULLS LAST) AS k,
                  count(*) OVER () AS cells
           FROM gi),
cutoffs AS MATERIALIZED (SELECT coalesce(max(k) FILTER (WHERE p <= k * 0.10 / cells), 0) AS k90,
                   coalesce(max(k) FILTER (WHERE p <= k * 0.05 / cells), 0) AS k95,
                   coalesce(max(k) FILTER (WHERE p <= k * 0.01 / cells), 0) AS k99
            FROM ranked),
classified AS (SELECT r.i, r.j, r.geom, r.n, r.z, r.p, r.cells,
                      CASE WHEN r.z IS NULL OR r.k > c.k90 THEN 'none'
                           WHEN r.z > 0 THEN 'hot' ELSE 'cold' END AS class,
                      CASE WHEN r.z IS NULL OR r.k > c.k90 THEN 0
                           WHEN r.k <= c.k99 THEN 99 WHEN r.k <= c.k95 THEN 95 ELSE 90 END AS confidence
               FROM ranked r CROSS JOIN cutoffs c)
