-- Removes a station if it is still at the version the client saw (If-Match).
DELETE FROM service_station
WHERE code = :code AND (:version::integer IS NULL OR version = :version)
RETURNING code
