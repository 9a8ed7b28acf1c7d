-- Household address points in a box around a plan's area (the box uses the GiST index; the
-- application keeps those inside the communities).
SELECT id, address, households, ST_X(geom) AS lon, ST_Y(geom) AS lat
FROM address
WHERE geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)
