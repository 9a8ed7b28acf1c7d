-- The grids valid at $1 with their lookup documents, for the in-memory index. The
-- document is built exactly as gridmap_lookup() (db/migration/R__lookup_function.sql)
-- builds it, with 'station' left null: the index writes the nearest station per point.
-- Keep the two in step; GridIndexEquivalenceTest compares their answers byte for byte.
-- Geometry travels as WKB, so that the index tests the very doubles PostGIS tests.
SELECT g.code,
       ST_AsBinary(g.geom) AS wkb,
       json_build_object(
           'grid', json_build_object('code', g.code, 'name', g.name, 'type', g.grid_type,
                                     'households', g.households, 'population', g.population,
                                     'validFrom', CASE WHEN isfinite(g.valid_from) THEN g.valid_from END,
                                     'validTo', CASE WHEN isfinite(g.valid_to) THEN g.valid_to END),
           'community', json_build_object('code', c.code, 'name', c.name, 'kind', c.kind),
           'street', json_build_object('code', s.code, 'name', s.name, 'kind', s.kind),
           'district', json_build_object('code', d.code, 'name', d.name),
           'hotline', g.service_hotline,
           'duties', g.duties,
           'staff', coalesce((SELECT json_agg(json_build_object('role', st.role, 'name', st.name,
                                                                'phone', st.phone, 'duties', st.duties)
                                              ORDER BY st.sort_order, st.id)
                              FROM grid_staff st
                              WHERE st.grid_code = g.code
                                AND st.valid_from <= $1 AND st.valid_to > $1), '[]'::json),
           'station', NULL)::text AS doc
FROM grid g
LEFT JOIN admin_area c ON c.code = g.community_code AND c.valid_from <= $1 AND c.valid_to > $1
LEFT JOIN admin_area s ON s.code = c.parent_code AND s.valid_from <= $1 AND s.valid_to > $1
LEFT JOIN admin_area d ON d.code = s.parent_code AND d.valid_from <= $1 AND d.valid_to > $1
WHERE g.valid_from <= $1 AND g.valid_to > $1
ORDER BY g.code
