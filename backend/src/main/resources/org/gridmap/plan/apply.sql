-- Addresses follow a published plan once it is in effect: each point in the changed area
-- gets the grid that holds it at the effective instant (the lookup rule: lowest code wins
-- on shared edges). Returns how many addresses changed grid.
WITH hit AS (
    SELECT a.id,
           (SELECT g.code FROM grid g
            WHERE ST_Intersects(g.geom, a.geom) AND g.valid_from <= p.effective_at AND g.valid_to > p.effective_at
            ORDER BY g.code LIMIT 1) AS code
    FROM plan p
    JOIN address a ON ST_Intersects(a.geom, p.changed_area)
    WHERE p.id = :plan
),
moved AS (
    UPDATE address a SET grid_code = hit.code
    FROM hit
    WHERE a.id = hit.id AND a.grid_code IS DISTINCT FROM hit.code
    RETURNING a.id
)
SELECT count(*) AS moved FROM moved
