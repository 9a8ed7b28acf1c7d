-- Moves the staged rows into incident, each assigned as a live report would be but as of its
-- own report time (grid, community, street, first full-time worker; deadline from the
-- matter), and gives each a single 'import' step in its timeline. Runs inside the import's
-- transaction with gridmap.bulk on, so the steps are not streamed one by one.
WITH loaded AS (
    INSERT INTO incident (tracking_code, matter_code, department_code, description, address, channel, status,
                          reported_at, deadline, closed_at, updated_at, grid_code, community_code, street_code,
                          assigned_worker, geom, public_geom, reporter_name, reporter_phone)
    SELECT r.tracking_code, r.matter, m.department_code, r.description, r.address, 'import', r.status,
           r.reported_at, r.reported_at + make_interval(hours => m.time_limit_hours), r.closed_at,
           coalesce(r.closed_at, r.reported_at), hit.code, hit.community_code, hit.street_code, worker.name,
           p.pt, gridmap_public_point(p.pt), r.reporter_name, r.reporter_phone
    FROM import_row r
    JOIN matter m ON m.code = r.matter
    CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) AS pt) p
    LEFT JOIN LATERAL (SELECT g.code, g.community_code, c.parent_code AS street_code
                       FROM grid g
                       LEFT JOIN admin_area c ON c.code = g.community_code
                                             AND c.valid_from <= r.reported_at AND c.valid_to > r.reported_at
                       WHERE ST_Intersects(g.geom, p.pt)
                         AND g.valid_from <= r.reported_at AND g.valid_to > r.reported_at
                       ORDER BY g.code
                       LIMIT 1) hit ON true
    LEFT JOIN LATERAL (SELECT s.name FROM grid_staff s
                       WHERE s.grid_code = hit.code AND s.role = 'full_time'
                         AND s.valid_from <= r.reported_at AND s.valid_to > r.reported_at
                       ORDER BY s.sort_order, s.id
                       LIMIT 1) worker ON true
    ORDER BY r.ord
    RETURNING id, status, reported_at
)
INSERT INTO incident_event (incident_id, at, action, from_status, to_status, actor, actor_role, note)
SELECT id, reported_at, 'import', NULL, status, :actor, 'admin', 'imported from CSV'
FROM loaded
