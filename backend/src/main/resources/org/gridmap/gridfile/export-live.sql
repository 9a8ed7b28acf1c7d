-- The live grids an export takes (the "src" of export-format.sql): valid at :at,
-- optionally one street's or one community's, with their community and street names.
SELECT g.code,
       g.name,
       g.grid_type,
       g.households,
       g.population,
       g.community_code,
       c.name AS community_name,
       s.name AS street_name,
       CASE WHEN isfinite(g.valid_from) THEN g.valid_from END AS valid_from,
       g.geom
FROM grid g
LEFT JOIN admin_area c ON c.code = g.community_code AND c.valid_from <= :at AND c.valid_to > :at
LEFT JOIN admin_area s ON s.code = c.parent_code AND s.valid_from <= :at AND s.valid_to > :at
WHERE g.valid_from <= :at AND g.valid_to > :at
  AND (:street::text IS NULL OR left(g.code, 9) = :street)
  AND (:community::text IS NULL OR g.community_code = :community)
