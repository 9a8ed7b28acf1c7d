-- Getis-Ord Gi* over hexagonal cells: the common body of hotspots.sql (cells as GeoJSON) and
-- hotspot-tile.sql (cells as a vector tile), which include it after their own "area" CTE
-- (area.wgs and area.merc: the study area in WGS 84 and Web Mercator), so that both give
-- the same cells and the same classes (the method is documented in HotspotController).
--   cells      every hexagon of edge :edge (Web Mercator units) that meets the study area,
--              empty cells included
--   points     the incidents in the study area and filters, as Web Mercator x, y of their
--              public point (gridmap_public_point, V2: the ~100 m cell centre every public
--              output shows; computed from the indexed exact point, so the scan stays
--              index-only). Counting exact points would let small cells (25 m) and a time
--              window narrowed to one report, whose time and category Open311 publishes,
--              locate it more closely than the snapping allows (the
--              includers declare "area" NOT MATERIALIZED, so that the planner sees the
--              envelope: a district-wide window scans by time, a street-sized one by the
--              spatial index)
--   placed     the cell of each point by arithmetic on ST_HexagonGrid's layout (flat-topped
--              hexagons, column i centred at x = 1.5 edge i, row j at y = h (2 j + |i mod 2|),
--              h = edge cos 30°, anchored at the origin so i, j are those of cells): the nearer
--              of the two candidate centres in the columns either side of the point, the lower
--              i on a tie. Asking ST_HexagonGrid for each point instead cost 14 µs a point, 7 s
--              for the 500,000 incidents of a year on the scaled dataset
--   counts     points per cell, counted before the join so no geometry is grouped
--   local      the sum over the cell itself and its 6 neighbours (binary weights): the same
--              column j ± 1, the columns either side at j and j - 1 (even i) or j + 1 (odd i)
--   ranked     Gi* z-score and two-sided p-value per cell, ranked by p
--   cutoffs    the Benjamini-Hochberg false discovery rate at 10, 5 and 1 %, so that random
--              data yields no significant cells
--   classified every cell with its count, z, p, class (hot/cold/none) and confidence
cells AS (SELECT h.i, h.j, h.geom
          FROM area, ST_HexagonGrid(:edge, area.merc) AS h),
points AS MATERIALIZED (SELECT ST_X(m.geom) AS x, ST_Y(m.geom) AS y
           FROM incident i CROSS JOIN LATERAL (SELECT ST_Transform(gridmap_public_point(i.geom), 3857) AS geom) m, area
           WHERE i.geom && area.wgs
             AND i.reported_at >= :from AND i.reported_at < :to
             AND (:matters::text[] IS NULL OR i.matter_code = ANY (:matters))
             AND (:statuses::text[] IS NULL OR i.status = ANY (:statuses))),
candidates AS (SELECT x, y, i0, round((y / (:edge * cos(pi() / 6)) - abs(i0 % 2)) / 2)::int AS j0,
                      round((y / (:edge * cos(pi() / 6)) - abs((i0 + 1) % 2)) / 2)::int AS j1
               FROM (SELECT x, y, floor(x / (1.5 * :edge))::int AS i0 FROM points) p),
placed AS (SELECT CASE WHEN d0 <= d1 THEN i0 ELSE i0 + 1 END AS i, CASE WHEN d0 <= d1 THEN j0 ELSE j1 END AS j
           FROM (SELECT i0, j0, j1,
                        (x - 1.5 * :edge * i0) ^ 2 + (y - :edge * cos(pi() / 6) * (2 * j0 + abs(i0 % 2))) ^ 2 AS d0,
                        (x - 1.5 * :edge * (i0 + 1)) ^ 2 + (y - :edge * cos(pi() / 6) * (2 * j1 + abs((i0 + 1) % 2))) ^ 2 AS d1
                 FROM candidates) c),
counts AS MATERIALIZED (SELECT c.i, c.j, c.geom, coalesce(k.n, 0)::float8 AS n
           FROM cells c LEFT JOIN (SELECT i, j, count(*) AS n FROM placed GROUP BY i, j) k USING (i, j)),
overall AS MATERIALIZED (SELECT count(*)::float8 AS m, avg(n) AS mean, sqrt(greatest(avg(n * n) - avg(n) ^ 2, 0)) AS s
            FROM counts),
local AS (SELECT a.i, a.j, sum(b.n) AS local_sum, count(*)::float8 AS w
          FROM counts a
          CROSS JOIN (VALUES (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1)) AS o(di, dj)
          JOIN counts b ON b.i = a.i + o.di AND b.j = a.j + o.dj
          WHERE o.di = 0 OR o.dj = 0 OR o.dj = CASE WHEN abs(a.i % 2) = 1 THEN 1 ELSE -1 END
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
