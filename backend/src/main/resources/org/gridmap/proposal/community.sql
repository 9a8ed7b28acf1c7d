-- The community (or village) to partition, as it stands at an instant: its outline is what
-- the proposed grids must cover exactly. The grid types of its grids then give new grids
-- their type.
SELECT a.code, a.name, a.kind, ST_AsBinary(a.geom) AS wkb,
       (SELECT g.grid_type FROM grid g
        WHERE g.community_code = a.code AND g.valid_from <= :at AND g.valid_to > :at
        GROUP BY g.grid_type ORDER BY count(*) DESC, g.grid_type LIMIT 1) AS grid_type
FROM admin_area a
WHERE a.level = 'community' AND a.code = :code
  AND a.valid_from <= :at AND a.valid_to > :at
