-- One point: the lookup document, or no row when the point is in no grid (so that the
-- service answers 404 without inspecting the value). gridmap_lookup is defined in
-- db/migration/R__lookup_function.sql.
SELECT doc
FROM (SELECT gridmap_lookup($1, $2, $3)::text AS doc) q
WHERE doc IS NOT NULL
