-- Service requests for Open311 GET requests and GET requests/{id}: public fields only, as
-- every public output (category, status, dates, the snapped ~100 m point). Never the
-- description, address, exact location, reporter, actors or free-text notes. Ids, when given,
-- override the other filters (as the GeoReport spec says); newest first, capped at :limit.
SELECT i.id,
       i.tracking_code,
       i.status,
       i.reject_reason,
       i.duplicate_of,
       i.matter_code,
       m.name AS matter_name,
       d.name AS department_name,
       i.reported_at,
       i.updated_at,
       i.deadline,
       ST_X(i.public_geom) AS lon,
       ST_Y(i.public_geom) AS lat,
       last_step.action AS last_action,
       last_step.at AS last_at
FROM incident i
JOIN matter m ON m.code = i.matter_code
JOIN department d ON d.code = i.department_code
LEFT JOIN LATERAL (SELECT e.action, e.at
                   FROM incident_event e
                   WHERE e.incident_id = i.id
                   ORDER BY e.id DESC
                   LIMIT 1) last_step ON true
WHERE (:ids::bigint[] IS NOT NULL AND i.id = ANY (:ids))
   OR (:ids::bigint[] IS NULL
       AND i.reported_at >= :from
       AND (:to::timestamptz IS NULL OR i.reported_at <= :to)
       AND (:codes::text[] IS NULL OR i.matter_code = ANY (:codes))
       AND (:closed::boolean IS NULL OR (i.status IN ('closed', 'rejected')) = :closed))
ORDER BY i.reported_at DESC, i.id DESC
LIMIT :limit
