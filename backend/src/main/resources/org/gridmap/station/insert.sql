-- A new station. Without a code it gets ST + its id (ST041, …): the identity value is drawn
-- first so that code and id agree. A taken code fails on the unique constraint (409).
WITH next AS (SELECT nextval(pg_get_serial_sequence('service_station', 'id')) AS id)
INSERT INTO service_station (id, code, name, station_type, address, hours, phone, services, geom)
OVERRIDING SYSTEM VALUE
SELECT next.id, coalesce(:code, 'ST' || lpad(next.id::text, 3, '0')), :name, :type, :address, :hours, :phone,
       :services, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)
FROM next
RETURNING code
