-- Stores a new report and assigns it in the same statement: the grid that holds the point at
-- the report time (the lookup's rule: lowest code on a shared edge), that grid's community,
-- street and first full-time worker, the matter's department, and the deadline from the
-- matter's time limit. A point in no grid is stored all the same, with no grid (district desk).
WITH pt AS (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS geom),
     m AS (SELECT department_code, time_limit_hours FROM matter WHERE code = :matter),
     hit AS (SELECT g.code, g.community_code, c.parent_code AS street_code
             FROM grid g
             JOIN pt ON ST_Intersects(g.geom, pt.geom)
             LEFT JOIN admin_area c ON c.code = g.community_code
                                   AND c.valid_from <= :reportedAt AND c.valid_to > :reportedAt
             WHERE g.valid_from <= :reportedAt AND g.valid_to > :reportedAt
             ORDER BY g.code
             LIMIT 1)
INSERT INTO incident (tracking_code, matter_code, department_code, description, address, channel, reported_at,
                      deadline, grid_code, community_code, street_code, assigned_worker, geom, public_geom,
                      reporter_name, reporter_phone, reporter_email)
SELECT :trackingCode, :matter, m.department_code, :description, :address, :channel, :reportedAt,
       :reportedAt + make_interval(hours => m.time_limit_hours),
       hit.code, hit.community_code, hit.street_code,
       (SELECT s.name FROM grid_staff s
        WHERE s.grid_code = hit.code AND s.role = 'full_time'
          AND s.valid_from <= :reportedAt AND s.valid_to > :reportedAt
        ORDER BY s.sort_order, s.id LIMIT 1),
       pt.geom, gridmap_public_point(pt.geom),
       :reporterName, :reporterPhone, :reporterEmail
FROM m CROSS JOIN pt LEFT JOIN hit ON true
RETURNING id, tracking_code, grid_code, deadline
