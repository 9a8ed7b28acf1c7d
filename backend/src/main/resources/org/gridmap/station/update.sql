-- Replaces a station's fields if it is still at the version the client saw (If-Match);
-- no row back means it is gone or has moved on (the caller tells which).
UPDATE service_station
SET name = :name, station_type = :type, address = :address, hours = :hours, phone = :phone,
    services = :services, geom = ST_SetSRID(ST_MakePoint(:lon, :lat), 4326),
    version = version + 1, updated_at = now()
WHERE code = :code AND (:version::integer IS NULL OR version = :version)
RETURNING code
