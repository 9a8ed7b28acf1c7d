-- An incident's report time from incident_key (V10), by id or by tracking code (the other
-- NULL). Bound into the lookup that follows, it lets the planner prune the partitioned
-- incident to the one month that holds the incident: a subquery in the lookup itself would
-- prune only at run time, after planning every month's partition and its indexes (measured
-- on 30 months: 10-25 ms a lookup instead of about 1).
SELECT id, reported_at
FROM incident_key
WHERE id = :id
UNION ALL
SELECT id, reported_at
FROM incident_key
WHERE tracking_code = :code
