-- Coverage: how many households and addresses are within reach of at least one station,
-- overall and per street, community and grid (by the address's grid code and its 9- and
-- 12-digit prefixes), and the station pairs whose areas overlap most.
--   :metres  the reach; :method circle|network; :snap/:buffer network settings;
--   :area    a code prefix limiting the addresses (NULL: all); :overlaps pairs to list.
-- "Covered" is as in gridmap_covered_addresses (R__station_network.sql), shared with the
-- uncovered layer and siting. Overlap of two circles is the lens area (exact on the plane
-- for the geodesic distance d: 2r²·acos(d/2r) − (d/2)·√(4r² − d²)); of two network areas
-- the area of their intersection. Pairs are ranked by that area; shared households (within
-- reach of both) are counted for the listed pairs only.
WITH -- the stations that matter to the addresses asked about: within reach of their hull
scope AS (SELECT ST_ConvexHull(ST_Collect(a.geom)) AS hull FROM address a
          WHERE :area::text IS NOT NULL AND a.grid_code LIKE :area || '%'),
stations AS MATERIALIZED (
          SELECT s.id, s.code, s.name, s.geom FROM service_station s
          WHERE :area::text IS NULL
             OR EXISTS (SELECT 1 FROM scope WHERE ST_DWithin(scope.hull::geography, s.geom::geography, :metres))),
areas AS MATERIALIZED (
          SELECT s.id, n.area FROM stations s
          CROSS JOIN LATERAL gridmap_network_area(ST_X(s.geom), ST_Y(s.geom), :metres, :snap, :buffer) n
          WHERE :method = 'network' AND n.area IS NOT NULL),
-- computed once, for both the counts and the overlaps: the circle definition, or the network
-- one over these areas (the two branches of gridmap_covered_addresses)
covered AS MATERIALIZED (
          SELECT id FROM gridmap_covered_addresses(:metres, 'circle', :snap, :buffer, :area) WHERE :method = 'circle'
          UNION ALL
          SELECT id FROM gridmap_addresses_in_areas((SELECT array_agg(area) FROM areas), :area)
          WHERE :method = 'network'),
flags AS (SELECT left(a.grid_code, 9) AS street, left(a.grid_code, 12) AS community, a.grid_code AS grid,
                 a.households, c.id IS NOT NULL AS covered
          FROM address a LEFT JOIN covered c ON c.id = a.id
          WHERE :area::text IS NULL OR a.grid_code LIKE :area || '%'),
sums AS (SELECT GROUPING(street, community, grid) AS level, street, community, grid,
                count(*) AS addresses, count(*) FILTER (WHERE covered) AS covered_addresses,
                coalesce(sum(households), 0) AS households,
                coalesce(sum(households) FILTER (WHERE covered), 0) AS covered_households
         FROM flags
         GROUP BY GROUPING SETS ((), (street), (community), (grid))),
listed AS (SELECT s.level, coalesce(s.grid, s.community, s.street) AS code,
                json_build_object('code', coalesce(s.grid, s.community, s.street),
                                  'name', coalesce(g.name, area.name),
                                  'addresses', s.addresses, 'coveredAddresses', s.covered_addresses,
                                  'households', s.households, 'coveredHouseholds', s.covered_households,
                                  'share', round(s.covered_households::numeric / nullif(s.households, 0), 4)) AS doc
         FROM sums s
         LEFT JOIN admin_area area ON s.level IN (3, 5) AND area.code = coalesce(s.community, s.street)
              AND area.valid_from <= now() AND area.valid_to > now()
         LEFT JOIN grid g ON s.level = 6 AND g.code = s.grid AND g.valid_from <= now() AND g.valid_to > now()),
pairs AS (SELECT a.id AS a_id, b.id AS b_id, d.metres AS distance,
                 2 * :metres ^ 2 * acos(d.metres / (2 * :metres)) - d.metres / 2 * sqrt(4 * :metres ^ 2 - d.metres ^ 2) AS overlap
          FROM stations a JOIN stations b ON a.id < b.id AND ST_DWithin(a.geom::geography, b.geom::geography, 2 * :metres)
          CROSS JOIN LATERAL (SELECT ST_Distance(a.geom::geography, b.geom::geography) AS metres) d
          WHERE :method = 'circle'
          UNION ALL
          SELECT a.id, b.id, ST_Distance(sa.geom::geography, sb.geom::geography),
                 ST_Area(ST_Intersection(a.area, b.area)::geography)
          FROM areas a JOIN areas b ON a.id < b.id AND ST_Intersects(a.area, b.area)
          JOIN stations sa ON sa.id = a.id JOIN stations sb ON sb.id = b.id
          WHERE :method = 'network'),
top AS (SELECT * FROM pairs WHERE overlap > 0 ORDER BY overlap DESC, a_id, b_id LIMIT :overlaps),
overlap_list AS (SELECT json_agg(json_build_object(
                     'a', json_build_object('code', sa.code, 'name', sa.name),
                     'b', json_build_object('code', sb.code, 'name', sb.name),
                     'distanceMetres', round(t.distance::numeric, 1),
                     'overlapSquareMetres', round(t.overlap::numeric),
                     'sharedHouseholds', shared.households) ORDER BY t.overlap DESC, t.a_id, t.b_id) AS doc
             FROM top t
             JOIN stations sa ON sa.id = t.a_id
             JOIN stations sb ON sb.id = t.b_id
             CROSS JOIN LATERAL (
                 SELECT coalesce(sum(ad.households), 0) AS households FROM address ad
                 WHERE (:area::text IS NULL OR ad.grid_code LIKE :area || '%')
                   AND CASE WHEN :method = 'circle'
                            THEN ST_DWithin(ad.geom::geography, sa.geom::geography, :metres)
                                 AND ST_DWithin(ad.geom::geography, sb.geom::geography, :metres)
                            ELSE ST_Intersects((SELECT area FROM areas WHERE id = t.a_id), ad.geom)
                                 AND ST_Intersects((SELECT area FROM areas WHERE id = t.b_id), ad.geom) END) shared)
SELECT json_build_object(
           'overall', (SELECT json_build_object('addresses', addresses, 'coveredAddresses', covered_addresses,
                                                'households', households, 'coveredHouseholds', covered_households,
                                                'uncoveredHouseholds', households - covered_households,
                                                'share', round(covered_households::numeric / nullif(households, 0), 4))
                       FROM sums WHERE level = 7),
           'stations', (SELECT count(*) FROM stations),
           'stationsOnNetwork', CASE WHEN :method = 'network' THEN (SELECT count(*) FROM areas) END,
           'streets', coalesce((SELECT json_agg(doc ORDER BY code NULLS LAST) FROM listed WHERE level = 3), '[]'::json),
           'communities', coalesce((SELECT json_agg(doc ORDER BY code NULLS LAST) FROM listed WHERE level = 5), '[]'::json),
           'grids', coalesce((SELECT json_agg(doc ORDER BY code NULLS LAST) FROM listed WHERE level = 6), '[]'::json),
           'overlaps', coalesce((SELECT doc FROM overlap_list), '[]'::json))::text AS doc
