-- A report's public status by its tracking code, for the resident who filed it (一事一公开):
-- category, status, dates, deadline state and the steps with their times. No names, notes,
-- contact or exact location. :id and :reportedAt (the code's, from incident_key: key.sql)
-- prune the partitioned incident to one month (V10); archived months (incident_archived)
-- answer too, so a resident's old code keeps working after its month leaves the working set.
SELECT json_build_object(
           'trackingCode', i.tracking_code,
           'matterCode', i.matter_code,
           'matterName', m.name,
           'matterNameEn', m.name_en,
           'departmentName', d.name,
           'status', i.status,
           'deadlineState', gridmap_deadline_state(i.status, i.reported_at, i.deadline, i.closed_at, now()),
           'reportedAt', i.reported_at,
           'deadline', i.deadline,
           'closedAt', i.closed_at,
           'gridCode', i.grid_code,
           'gridName', (SELECT g.name FROM grid g
                        WHERE g.code = i.grid_code AND g.valid_from <= i.reported_at AND g.valid_to > i.reported_at),
           'rated', i.satisfaction IS NOT NULL,
           'steps', (SELECT json_agg(json_build_object('at', e.at, 'action', e.action, 'status', e.to_status,
                                                       'role', e.actor_role) ORDER BY e.id)
                     FROM incident_event e WHERE e.incident_id = i.id))::text AS doc
FROM (SELECT * FROM incident UNION ALL SELECT * FROM incident_archived) i
JOIN matter m ON m.code = i.matter_code
JOIN department d ON d.code = i.department_code
WHERE i.id = :id
  AND i.reported_at = :reportedAt
