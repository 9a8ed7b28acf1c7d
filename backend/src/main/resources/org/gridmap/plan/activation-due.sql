-- The next published plan that has taken effect but whose addresses and incidents have not
-- followed yet. SKIP LOCKED lets several instances run the activation task side by side.
SELECT id, published_by FROM plan
WHERE status = 'published' AND applied_at IS NULL AND effective_at <= :now
ORDER BY effective_at, id
LIMIT 1
FOR UPDATE SKIP LOCKED
