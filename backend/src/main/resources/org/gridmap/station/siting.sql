-- Siting: for each candidate point, the uncovered addresses it would bring within reach,
-- as arrays (the greedy choice runs in SiteChooser on these). Candidates are the points
-- given (:lons/:lats, WGS 84), or else, up to :max_candidates, the centre of each
-- compound or village group with uncovered addresses and a point inside each grid with
-- some (ST_PointOnSurface), most uncovered households first. "Within reach" is the same
-- as for stations: the geodesic circle (index search on the address geography) or, for
-- :method network, the candidate's network area. Every row also carries the area's
-- households and those already covered, for the before/after figures.
WITH covered AS MATERIALIZED (SELECT id FROM gridmap_covered_addresses(:metres, :method, :snap, :buffer, :area)),
uncovered AS MATERIALIZED (
          SELECT a.id, a.grid_code, a.compound, a.households, a.geom FROM address a
          WHERE (:area::text IS NULL OR a.grid_code LIKE :area || '%')
            -- NOT IN: a hashed subplan, one probe per address (an anti-join may rescan the ids)
              AND a.id NOT IN (SELECT c.id FROM covered c)),
given AS (SELECT c.ord::integer AS ord, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326) AS geom, 'given' AS origin,
                 NULL::text AS label
          FROM unnest(:lons::float8[], :lats::float8[]) WITH ORDINALITY AS c (lon, lat, ord)
          WHERE :lons::float8[] IS NOT NULL),
generated AS (SELECT (row_number() OVER (ORDER BY households DESC, origin, label))::integer AS ord, geom, origin, label
              FROM (SELECT ST_Centroid(ST_Collect(u.geom)) AS geom, 'compound' AS origin,
                           u.grid_code || ' ' || coalesce(u.compound, '') AS label, sum(u.households) AS households
                    FROM uncovered u GROUP BY u.grid_code, u.compound
                    UNION ALL
                    SELECT ST_PointOnSurface(g.geom), 'grid', g.code, sum(u.households)
                    FROM uncovered u JOIN grid g ON g.code = u.grid_code
                         AND g.valid_from <= now() AND g.valid_to > now()
                    GROUP BY g.code, g.geom) c
              WHERE :lons::float8[] IS NULL
              ORDER BY households DESC, origin, label
              LIMIT :max_candidates),
candidates AS MATERIALIZED (SELECT * FROM given UNION ALL SELECT * FROM generated),
reach AS (SELECT c.ord, u.id, u.households
          FROM candidates c JOIN uncovered u ON ST_DWithin(u.geom::geography, c.geom::geography, :metres)
          WHERE :method = 'circle'
          UNION ALL
          SELECT c.ord, u.id, u.households
          FROM candidates c
          CROSS JOIN LATERAL gridmap_network_area(ST_X(c.geom), ST_Y(c.geom), :metres, :snap, :buffer) n
          JOIN uncovered u ON ST_Intersects(n.area, u.geom)
          WHERE :method = 'network' AND n.area IS NOT NULL),
totals AS (SELECT coalesce(sum(a.households), 0) AS households, count(*) AS addresses,
                  coalesce(sum(a.households) FILTER (WHERE c.id IS NOT NULL), 0) AS covered_households
           FROM address a LEFT JOIN covered c ON c.id = a.id
           WHERE :area::text IS NULL OR a.grid_code LIKE :area || '%')
SELECT c.ord, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.origin, c.label,
       (SELECT g.code FROM grid g WHERE g.valid_from <= now() AND g.valid_to > now() AND ST_Intersects(g.geom, c.geom)
        ORDER BY g.code LIMIT 1) AS grid_code,
       coalesce(array_agg(r.id ORDER BY r.id) FILTER (WHERE r.id IS NOT NULL), '{}') AS ids,
       coalesce(array_agg(r.households ORDER BY r.id) FILTER (WHERE r.id IS NOT NULL), '{}') AS households,
       t.households AS area_households, t.covered_households
FROM candidates c
LEFT JOIN reach r ON r.ord = c.ord
CROSS JOIN totals t
GROUP BY c.ord, c.geom, c.origin, c.label, t.households, t.covered_households
ORDER BY c.ord
