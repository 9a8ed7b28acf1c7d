-- Many points in one round trip: one row per input point, in input order, with a NULL
-- document for points in no grid. Arrays are bound as float8[] parameters.
SELECT p.ord::int AS ord, gridmap_lookup(p.lon, p.lat, $3)::text AS doc
FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lon, lat, ord)
ORDER BY p.ord
