-- The grids a plan starts from: the versions valid at its effective instant in its
-- communities, with the notice-board staff valid then. Geometry as WKB for JTS.
SELECT g.id, g.code, g.community_code, g.name, g.grid_type, g.households, g.population, g.service_hotline,
       g.duties, ST_AsBinary(g.geom) AS wkb,
       (SELECT coalesce(json_agg(json_build_object('role', s.role, 'name', s.name, 'phone', s.phone,
                                                   'duties', s.duties) ORDER BY s.sort_order, s.id), '[]'::json)::text
        FROM grid_staff s
        WHERE s.grid_code = g.code AND s.valid_from <= :at AND s.valid_to > :at) AS staff
FROM grid g
WHERE g.community_code = ANY(:communities::text[])
  AND g.valid_from <= :at AND g.valid_to > :at
ORDER BY g.code
