-- Possible duplicates of a new report: open reports of the same matter within :metres and
-- :hours before it. A suggestion for the dispatcher, never an automatic merge.
SELECT o.id
FROM incident n
JOIN incident o ON o.matter_code = n.matter_code
               AND o.id <> n.id
               AND o.status NOT IN ('closed', 'rejected')
               AND o.reported_at BETWEEN n.reported_at - make_interval(hours => :hours) AND n.reported_at
               AND ST_DWithin(o.geom::geography, n.geom::geography, :metres)
WHERE n.id = :id
ORDER BY o.reported_at DESC
LIMIT 10
