-- Publishes on one street (its plans and its communities' plans) run one after another:
-- a transaction-scoped advisory lock on the street code, released at commit or rollback.
SELECT pg_advisory_xact_lock(hashtextextended('gridmap.plan.publish:' || :street, 0))
