-- The household address points inside a community (on its outline included), the weights
-- of the partition. The box test uses the GiST index on address.geom.
SELECT ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat, a.households
FROM address a
JOIN admin_area c ON c.code = :code AND c.level = 'community' AND c.valid_from <= :at AND c.valid_to > :at
WHERE a.geom && c.geom AND ST_Intersects(c.geom, a.geom)
