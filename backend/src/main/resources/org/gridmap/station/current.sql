-- One station's editable fields, for PATCH (merge onto the stored values) and for telling
-- a stale If-Match (412) from a missing station (404).
SELECT code, name, station_type, address, hours, phone, services, ST_X(geom) AS lon, ST_Y(geom) AS lat, version
FROM service_station
WHERE code = :code
