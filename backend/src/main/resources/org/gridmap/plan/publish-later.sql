-- Grids and staff of a plan's communities with versions that begin at or after the instant
-- the plan would take effect: a plan for that date or later is already published, and
-- writing this one under or beside it would overlap its versions in time.
SELECT DISTINCT code FROM (
    SELECT code FROM grid
    WHERE community_code = ANY(:communities::text[]) AND valid_from >= :at
    UNION ALL
    SELECT grid_code FROM grid_staff
    WHERE left(grid_code, 12) = ANY(:communities::text[]) AND valid_from >= :at
) later
ORDER BY code
