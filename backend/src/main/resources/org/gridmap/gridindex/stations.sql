-- Every service station with its lookup JSON object, as gridmap_lookup() writes it, the
-- distance left at 0: the in-memory index ranks stations and writes the distance per point.
SELECT n.code, ST_X(n.geom) AS lon, ST_Y(n.geom) AS lat,
       json_build_object('code', n.code, 'name', n.name, 'type', n.station_type,
                         'address', n.address, 'hours', n.hours, 'phone', n.phone,
                         'lon', ST_X(n.geom), 'lat', ST_Y(n.geom),
                         'distanceMetres', 0)::text AS doc
FROM service_station n
ORDER BY n.code
