-- Moving addresses and open incidents after a plan takes effect can touch thousands of
-- rows (a million in the benchmarks): the audit triggers stand aside for the rest of this
-- transaction's moves, and apply-summary.sql records them as one row (V12__audit.sql).
SELECT set_config('gridmap.audit', 'summary', true)
