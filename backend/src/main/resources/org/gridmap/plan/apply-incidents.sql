-- Open incidents follow a published plan once it is in effect, with a timeline step each
-- (gridmap_reassign_open_incidents, R__incident_reassign.sql).
SELECT coalesce(gridmap_reassign_open_incidents(p.effective_at, :actor, p.changed_area), 0) AS moved
FROM plan p
WHERE p.id = :plan AND p.changed_area IS NOT NULL
