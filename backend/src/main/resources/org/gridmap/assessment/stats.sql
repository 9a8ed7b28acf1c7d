-- Assessment figures (考核) for every grid, full-time grid worker, community, street or
-- department over the period [:from, :to) and over the period of the same length before it
-- [:previousFrom, :from), in one pass over the incidents of both, for the assessment tables.
-- :grouping (allow-listed in Java: Grouping) picks the units and the incident's key; every
-- unit appears, with zero reports if none. The last row (total = true) sums all units.
-- Definitions (documented on Measures and in the README): a period's reports are
-- judged at its end, :to or :now whichever is earlier (the previous period at :from), so the
-- two periods are measured alike; rejections and ratings count as they stand now.
--   units    the grouping's units that existed at some point in the period
--   reopens  first reopening of each reopened incident (partial index of V7)
--   facts    the incidents of both periods, with their unit key, judging instant and
--            (departments) time to accept
--   measures counts per unit and period, and per period over all units (grouping sets)
WITH areas AS (SELECT DISTINCT ON (code) code, name, level, kind, parent_code
               FROM admin_area
               WHERE valid_from < :to::timestamptz AND valid_to > :from::timestamptz
               ORDER BY code, valid_from DESC),
grids AS (SELECT DISTINCT ON (g.code) g.code, g.name, g.grid_type, g.community_code,
                 left(g.code, 9) AS street_code
          FROM grid g
          WHERE g.valid_from < :to::timestamptz AND g.valid_to > :from::timestamptz
            AND (:street::text IS NULL OR left(g.code, 9) = :street::text)
            AND (:community::text IS NULL OR g.community_code = :community::text)
          ORDER BY g.code, g.valid_from DESC),
units AS ((SELECT g.code AS key, g.code, g.name, NULL::text AS name_en, g.grid_type AS kind,
                  NULL::text AS grid_code, NULL::text AS grid_name, g.community_code, c.name AS community_name,
                  g.street_code, s.name AS street_name
           FROM grids g
           LEFT JOIN areas c ON c.code = g.community_code
           LEFT JOIN areas s ON s.code = g.street_code
           WHERE :grouping::text = 'grids')
          UNION ALL
          -- Incidents name their worker (the grid's first full-time worker when reported):
          -- the key is grid and name, one row per person even across staff row versions.
          (SELECT DISTINCT ON (w.grid_code, w.name) w.grid_code || '/' || w.name, w.id::text, w.name, NULL, w.role,
                  g.code, g.name, g.community_code, c.name, g.street_code, s.name
           FROM grid_staff w
           JOIN grids g ON g.code = w.grid_code
           LEFT JOIN areas c ON c.code = g.community_code
           LEFT JOIN areas s ON s.code = g.street_code
           WHERE :grouping::text = 'workers' AND w.role = 'full_time'
             AND w.valid_from < :to::timestamptz AND w.valid_to > :from::timestamptz
           ORDER BY w.grid_code, w.name, w.valid_from DESC)
          UNION ALL
          (SELECT c.code, c.code, c.name, NULL, c.kind, NULL, NULL, NULL, NULL, c.parent_code, s.name
           FROM areas c
           LEFT JOIN areas s ON s.code = c.parent_code
           WHERE :grouping::text = 'communities' AND c.level = 'community'
             AND (:street::text IS NULL OR c.parent_code = :street::text)
             AND (:community::text IS NULL OR c.code = :community::text))
          UNION ALL
          (SELECT s.code, s.code, s.name, NULL, s.kind, NULL, NULL, NULL, NULL, NULL, NULL
           FROM areas s
           WHERE :grouping::text = 'streets' AND s.level = 'street'
             AND (:street::text IS NULL OR s.code = :street::text)
             AND (:community::text IS NULL OR s.code = left(:community::text, 9)))
          UNION ALL
          (SELECT d.code, d.code, d.name, d.name_en, NULL, NULL, NULL, NULL, NULL, NULL, NULL
           FROM department d
           WHERE :grouping::text = 'departments')),
reopens AS (SELECT incident_id, min(at) AS at
            FROM incident_event
            WHERE action = 'reopen'
            GROUP BY incident_id),
facts AS (SELECT f.*,
                 f.status = 'closed' AND f.closed_at <= f.judged AS closed,
                 f.reopened_at <= f.judged AS reopened,
                 -- Departments only: hours from dispatch to acceptance (接单), up to the
                 -- judging instant for those not accepted yet, so that a department that
                 -- does not show up is not flattered; NULL when never dispatched.
                 CASE WHEN :grouping::text = 'departments' THEN
                     (SELECT extract(epoch FROM coalesce(min(e.at) FILTER (WHERE e.action = 'accept'), f.judged)
                                                - min(e.at) FILTER (WHERE e.action = 'dispatch')) / 3600
                      FROM incident_event e
                      WHERE e.incident_id = f.id AND e.action IN ('dispatch', 'accept') AND e.at <= f.judged)
                 END AS response_hours
          FROM (SELECT CASE :grouping::text
                           WHEN 'grids' THEN i.grid_code
                           WHEN 'workers' THEN i.grid_code || '/' || i.assigned_worker
                           WHEN 'communities' THEN i.community_code
                           WHEN 'streets' THEN i.street_code
                           WHEN 'departments' THEN i.department_code
                       END AS key,
                       i.reported_at >= :from::timestamptz AS current,
                       CASE WHEN i.reported_at >= :from::timestamptz THEN least(:to::timestamptz, :now::timestamptz)
                            ELSE least(:from::timestamptz, :now::timestamptz) END AS judged,
                       i.id, i.status, i.reported_at, i.deadline, i.closed_at, i.satisfaction, r.at AS reopened_at
                FROM incident i
                LEFT JOIN reopens r ON r.incident_id = i.id
                WHERE i.reported_at >= :previousFrom::timestamptz AND i.reported_at < :to::timestamptz
                  AND (:street::text IS NULL OR i.street_code = :street::text)
                  AND (:community::text IS NULL OR i.community_code = :community::text)) f
          WHERE f.key IN (SELECT key FROM units)),
measures AS (SELECT CASE WHEN grouping(f.key) = 1 THEN '*' ELSE f.key END AS key, f.current,
                    count(*) AS reports,
                    count(*) FILTER (WHERE f.status = 'rejected') AS rejected,
                    count(*) FILTER (WHERE f.status NOT IN ('reported', 'rejected')) AS registered,
                    count(*) FILTER (WHERE f.closed) AS closed,
                    count(*) FILTER (WHERE f.status <> 'rejected' AND (f.closed OR f.deadline <= f.judged)) AS due,
                    count(*) FILTER (WHERE f.closed AND f.closed_at <= f.deadline) AS on_time,
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.closed_at - f.reported_at) / 3600)
                        FILTER (WHERE f.closed) AS median_hours,
                    count(*) FILTER (WHERE f.closed OR f.reopened) AS ever_closed,
                    count(*) FILTER (WHERE f.reopened) AS reopened,
                    count(f.satisfaction) AS rated,
                    avg(f.satisfaction) AS mean_rating,
                    count(*) FILTER (WHERE f.satisfaction >= 4) AS satisfied,
                    count(f.response_hours) AS dispatched,
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY f.response_hours) AS median_response_hours
             FROM facts f
             GROUP BY GROUPING SETS ((f.key, f.current), (f.current))),
-- The units, then the total under the key '*' (no unit has it), as grouping sets name it.
listed AS (SELECT u.*, false AS total FROM units u
           UNION ALL
           SELECT '*', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true)
SELECT r.*,
       coalesce(c.reports, 0) AS reports, coalesce(c.rejected, 0) AS rejected,
       coalesce(c.registered, 0) AS registered, coalesce(c.closed, 0) AS closed, coalesce(c.due, 0) AS due,
       coalesce(c.on_time, 0) AS on_time, c.median_hours, coalesce(c.ever_closed, 0) AS ever_closed,
       coalesce(c.reopened, 0) AS reopened, coalesce(c.rated, 0) AS rated, c.mean_rating::float8 AS mean_rating,
       coalesce(c.satisfied, 0) AS satisfied, coalesce(c.dispatched, 0) AS dispatched, c.median_response_hours,
       coalesce(p.reports, 0) AS p_reports, coalesce(p.rejected, 0) AS p_rejected,
       coalesce(p.registered, 0) AS p_registered, coalesce(p.closed, 0) AS p_closed, coalesce(p.due, 0) AS p_due,
       coalesce(p.on_time, 0) AS p_on_time, p.median_hours AS p_median_hours,
       coalesce(p.ever_closed, 0) AS p_ever_closed, coalesce(p.reopened, 0) AS p_reopened,
       coalesce(p.rated, 0) AS p_rated, p.mean_rating::float8 AS p_mean_rating, coalesce(p.satisfied, 0) AS p_satisfied,
       coalesce(p.dispatched, 0) AS p_dispatched, p.median_response_hours AS p_median_response_hours
FROM listed r
LEFT JOIN measures c ON c.key = r.key AND c.current
LEFT JOIN measures p ON p.key = r.key AND NOT p.current
ORDER BY r.total, r.key
