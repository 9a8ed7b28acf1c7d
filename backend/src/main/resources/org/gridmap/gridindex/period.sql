-- The period around $1 during which nothing a lookup reads changes: the latest validity
-- boundary at or before $1 and the first one after it, over grids, areas and staff. An
-- index built at $1 answers for exactly this period; at its end the next one takes over.
SELECT max(t) FILTER (WHERE t <= $1) AS valid_from,
       min(t) FILTER (WHERE t > $1) AS valid_until
FROM (SELECT valid_from AS t FROM grid UNION ALL SELECT valid_to FROM grid
      UNION ALL SELECT valid_from FROM admin_area UNION ALL SELECT valid_to FROM admin_area
      UNION ALL SELECT valid_from FROM grid_staff UNION ALL SELECT valid_to FROM grid_staff) b
WHERE isfinite(t)
