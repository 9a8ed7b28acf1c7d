-- One incident for the dispatcher, as a JSON document: everything on the list plus the exact
-- location, the reporter's contact, photos and the whole timeline in order. :reportedAt
-- (from incident_key, key.sql) prunes the partitioned incident to one month (V10).
SELECT i.status, i.grid_code,
       json_build_object(
           'id', i.id,
           'trackingCode', i.tracking_code,
           'matterCode', i.matter_code,
           'matterName', m.name,
           'matterNameEn', m.name_en,
           'departmentCode', i.department_code,
           'departmentName', d.name,
           'status', i.status,
           'deadlineState', gridmap_deadline_state(i.status, i.reported_at, i.deadline, i.closed_at, now()),
           'reportedAt', i.reported_at,
           'deadline', i.deadline,
           'closedAt', i.closed_at,
           'updatedAt', i.updated_at,
           'version', i.version,
           'gridCode', i.grid_code,
           'gridName', (SELECT g.name FROM grid g
                        WHERE g.code = i.grid_code AND g.valid_from <= i.reported_at AND g.valid_to > i.reported_at),
           'communityCode', i.community_code,
           'streetCode', i.street_code,
           'assignedWorker', i.assigned_worker,
           'channel', i.channel,
           'description', i.description,
           'address', i.address,
           'lon', ST_X(i.geom),
           'lat', ST_Y(i.geom),
           'reporter', json_build_object('name', i.reporter_name, 'phone', i.reporter_phone, 'email', i.reporter_email),
           'rejectReason', i.reject_reason,
           'duplicateOf', i.duplicate_of,
           'satisfaction', i.satisfaction,
           'satisfactionNote', i.satisfaction_note,
           'photos', coalesce((SELECT json_agg(json_build_object('id', p.id, 'width', p.width, 'height', p.height,
                                                                 'url', '/api/v1/incidents/' || i.id || '/photos/' || p.id)
                                               ORDER BY p.id)
                               FROM incident_photo p WHERE p.incident_id = i.id), '[]'::json),
           'timeline', (SELECT json_agg(json_build_object('id', e.id, 'at', e.at, 'action', e.action,
                                                          'fromStatus', e.from_status, 'toStatus', e.to_status,
                                                          'actor', e.actor, 'role', e.actor_role, 'note', e.note)
                                        ORDER BY e.id)
                        FROM incident_event e WHERE e.incident_id = i.id))::text AS doc
FROM incident i
JOIN matter m ON m.code = i.matter_code
JOIN department d ON d.code = i.department_code
WHERE i.id = :id
  AND i.reported_at = :reportedAt
