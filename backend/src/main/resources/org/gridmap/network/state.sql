-- Can network areas be computed: pgRouting installed, and how many edges have a topology.
SELECT (SELECT extversion FROM pg_extension WHERE extname = 'pgrouting') IS NOT NULL AS pgrouting,
       (SELECT extversion FROM pg_extension WHERE extname = 'pgrouting') AS version,
       (SELECT count(*) FROM road_edge WHERE source IS NOT NULL) AS edges
