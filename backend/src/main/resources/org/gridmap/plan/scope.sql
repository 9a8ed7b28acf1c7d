-- The communities a plan covers at an instant: the parent community itself, or every
-- community of the parent street. Their outlines are what the grids must cover exactly.
SELECT a.code, a.name, a.kind, ST_AsBinary(a.geom) AS wkb
FROM admin_area a
WHERE a.level = 'community'
  AND (a.code = :parent OR a.parent_code = :parent)
  AND a.valid_from <= :at AND a.valid_to > :at
ORDER BY a.code
