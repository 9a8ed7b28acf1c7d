-- Possible duplicates of a new report: open reports of the same matter within :metres and
-- :hours before it. A suggestion for the dispatcher, never an automatic merge.
-- The planar ST_DWithin in degrees (the metres as degrees of longitude at this latitude, so
-- never smaller than the true distance) lets the GiST index find the candidates; the
-- geodesic ST_DWithin then keeps the ones truly within :metres.
SELECT o.id
FROM incident n
JOIN incident o ON ST_DWithin(o.geom, n.geom, :metres / (111320.0 * cos(radians(ST_Y(n.geom)))))
               AND ST_DWithin(o.geom::geography, n.geom::geography, :metres)
               AND o.matter_code = n.matter_code
               AND o.id <> n.id
               AND o.status NOT IN ('closed', 'rejected')
               AND o.reported_at BETWEEN n.reported_at - make_interval(hours => :hours) AND n.reported_at
               -- the same window as bound values (:since = :reportedAt - :hours), so that the
               -- planner prunes the partitioned incident to its months (V10)
               AND o.reported_at BETWEEN :since AND :reportedAt
WHERE n.id = :id
  AND n.reported_at = :reportedAt
ORDER BY o.reported_at DESC
LIMIT 10
