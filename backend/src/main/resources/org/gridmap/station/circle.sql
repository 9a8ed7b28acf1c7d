-- One station's 15-minute living circle, as GeoJSON features:
--   circle   the geodesic circle of radius :metres: 64 vertices from ST_Project on the
--            spheroid (every vertex exactly :metres from the station), counter-clockwise;
--            the households "inside" are those within :metres on the spheroid
--            (ST_DWithin on geography), i.e. inside the true circle, not the 64-gon;
--   network  when :network, the walking area on the road network (gridmap_network_area in
--            R__station_network.sql) and the households inside that polygon;
-- each with the grids it serves: every grid with a household inside, its households (from
-- its addresses, weighted by households) and the share inside. No row for an unknown code.
WITH s AS (SELECT id, code, name, station_type, address, hours, phone, services, geom,
                  ST_X(geom) AS lon, ST_Y(geom) AS lat
           FROM service_station WHERE code = :code),
circle AS (SELECT ST_ForcePolygonCCW(ST_MakePolygon(ST_AddPoint(l.line, ST_StartPoint(l.line)))) AS geom
           FROM (SELECT ST_MakeLine(ST_Project(s.geom::geography, :metres, radians(a))::geometry ORDER BY a) AS line
                 FROM s, generate_series(0, 354.375, 5.625) AS a) l),
network AS MATERIALIZED (SELECT n.area, n.edges, n.snap_metres
            FROM s CROSS JOIN LATERAL gridmap_network_area(s.lon, s.lat, :metres, :snap, :buffer) n
            WHERE :network),
inside AS (SELECT 'circle' AS kind, a.grid_code, sum(a.households) AS households, count(*) AS addresses
           FROM s JOIN address a ON ST_DWithin(a.geom::geography, s.geom::geography, :metres)
           GROUP BY a.grid_code
           UNION ALL
           SELECT 'network', a.grid_code, sum(a.households), count(*)
           FROM network n JOIN address a ON ST_Intersects(n.area, a.geom)
           WHERE n.area IS NOT NULL
           GROUP BY a.grid_code),
totals AS (SELECT a.grid_code, sum(a.households) AS households
           FROM address a WHERE a.grid_code IN (SELECT grid_code FROM inside)
           GROUP BY a.grid_code),
served AS (SELECT i.kind,
                  json_agg(json_build_object('code', i.grid_code, 'name', g.name,
                                             'households', t.households, 'inside', i.households,
                                             'addresses', i.addresses,
                                             'share', round(i.households::numeric / nullif(t.households, 0), 4))
                           ORDER BY i.households DESC, i.grid_code) AS grids,
                  sum(i.households) AS households, sum(i.addresses) AS addresses
           FROM inside i
           LEFT JOIN totals t ON t.grid_code IS NOT DISTINCT FROM i.grid_code
           LEFT JOIN grid g ON g.code = i.grid_code AND g.valid_from <= now() AND g.valid_to > now()
           GROUP BY i.kind)
SELECT '{"type":"Feature","id":' || to_json(s.code)::text || ',"geometry":' || ST_AsGeoJSON(s.geom, 7)
           || ',"properties":' || json_build_object('kind', 'station', 'code', s.code, 'name', s.name,
                                                    'type', s.station_type, 'address', s.address,
                                                    'hours', s.hours, 'phone', s.phone,
                                                    'services', s.services)::text || '}' AS station,
       '{"type":"Feature","id":"circle","geometry":' || ST_AsGeoJSON(c.geom, 7)
           || ',"properties":' || json_build_object(
                  'kind', 'circle', 'method', 'geodesic circle (ST_Project on the WGS 84 spheroid, 64 vertices)',
                  'radiusMetres', :metres,
                  'areaSquareMetres', round(ST_Area(c.geom::geography)),
                  'households', coalesce((SELECT households FROM served WHERE kind = 'circle'), 0),
                  'addresses', coalesce((SELECT addresses FROM served WHERE kind = 'circle'), 0),
                  'grids', coalesce((SELECT grids FROM served WHERE kind = 'circle'), '[]'::json))::text
           || '}' AS circle,
       CASE WHEN n.area IS NOT NULL THEN
       '{"type":"Feature","id":"network","geometry":' || ST_AsGeoJSON(n.area, 7)
           || ',"properties":' || json_build_object(
                  'kind', 'network',
                  'method', 'pgr_drivingDistance from the snapped station, reached edges and partial edges buffered',
                  'reachMetres', :metres, 'bufferMetres', :buffer, 'snapMetres', round(n.snap_metres::numeric, 1),
                  'edges', n.edges,
                  'areaSquareMetres', round(ST_Area(n.area::geography)),
                  'households', coalesce((SELECT households FROM served WHERE kind = 'network'), 0),
                  'addresses', coalesce((SELECT addresses FROM served WHERE kind = 'network'), 0),
                  'grids', coalesce((SELECT grids FROM served WHERE kind = 'network'), '[]'::json))::text
           || '}' END AS network,
       n.snap_metres
FROM s CROSS JOIN circle c LEFT JOIN network n ON true
