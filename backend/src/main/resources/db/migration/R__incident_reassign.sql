-- gridmap_reassign_open_incidents(effective, actor, area): after grid boundaries change
-- (a plan is published), open incidents follow their point into the grid that holds it from
-- the effective instant on, with a 'reassign' step in their timeline naming the old and new
-- grid; closed and rejected ones keep the grid they had when reported (history stays true).
-- area, when given, limits the work to the points in the changed area. Returns how many moved.
CREATE OR REPLACE FUNCTION gridmap_reassign_open_incidents(effective timestamptz, actor text,
                                                           area geometry DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    moved integer;
BEGIN
    WITH target AS (
        SELECT i.id, i.reported_at, i.status, i.grid_code AS old_code, hit.code AS new_code, hit.community_code,
               hit.street_code,
               (SELECT s.name FROM grid_staff s
                WHERE s.grid_code = hit.code AND s.role = 'full_time'
                  AND s.valid_from <= effective AND s.valid_to > effective
                ORDER BY s.sort_order, s.id LIMIT 1) AS worker
        FROM incident i
        LEFT JOIN LATERAL (SELECT g.code, g.community_code, c.parent_code AS street_code
                           FROM grid g
                           LEFT JOIN admin_area c ON c.code = g.community_code
                                                 AND c.valid_from <= effective AND c.valid_to > effective
                           WHERE ST_Intersects(g.geom, i.geom)
                             AND g.valid_from <= effective AND g.valid_to > effective
                           ORDER BY g.code
                           LIMIT 1) hit ON true
        WHERE i.status NOT IN ('closed', 'rejected')
          AND (area IS NULL OR ST_Intersects(i.geom, area))
          AND i.grid_code IS DISTINCT FROM hit.code
    ),
    updated AS (
        UPDATE incident i
        SET grid_code = t.new_code, community_code = t.community_code, street_code = t.street_code,
            assigned_worker = t.worker, updated_at = now(), version = i.version + 1
        FROM target t
        WHERE i.id = t.id AND i.reported_at = t.reported_at -- the partition key too (V10): one month per row
        RETURNING i.id, t.status, t.old_code, t.new_code
    )
    INSERT INTO incident_event (incident_id, action, from_status, to_status, actor, actor_role, note, details)
    SELECT u.id, 'reassign', u.status, u.status, actor, 'admin', 'grid boundaries changed',
           jsonb_build_object('fromGrid', u.old_code, 'toGrid', u.new_code)
    FROM updated u;
    GET DIAGNOSTICS moved = ROW_COUNT;
    RETURN moved;
END
$$;
