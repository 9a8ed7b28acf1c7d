-- Appends one step to an incident's timeline (the trigger announces it on commit).
INSERT INTO incident_event (incident_id, action, from_status, to_status, actor, actor_role, note, details)
VALUES (:id, :action, :fromStatus, :toStatus, :actor, :role, :note, :details::jsonb)
