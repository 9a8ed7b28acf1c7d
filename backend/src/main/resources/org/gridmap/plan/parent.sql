-- The area a new plan names as its parent: a street/township or a community/village.
SELECT code, level, kind, name FROM admin_area
WHERE code = :code AND level IN ('street', 'community') AND valid_from <= :at AND valid_to > :at
