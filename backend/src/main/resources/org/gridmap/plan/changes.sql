-- A plan's log in order: grid changes, which the draft replays, and audit-only entries.
SELECT seq, kind, author, at, note, grids, base_versions::text AS base_versions, body::text AS body
FROM plan_change
WHERE plan_id = :plan
ORDER BY seq
