-- Household address points in a box around a plan's area (the box uses the GiST index; the
-- application keeps those inside the communities). Only what counting needs: the address
-- texts are read for the page of moved addresses an impact report lists (address-texts.sql).
SELECT id, households, ST_X(geom) AS lon, ST_Y(geom) AS lat
FROM address
WHERE geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)
