-- Grid rates for the choropleth: incidents per 1,000 households in each grid over a window.
--   grids   the grids as they stood at the end of the window (the version valid at :to),
--           optionally only those meeting the bbox (NULL :minx: all)
--   counts  the incidents in the window and filters, counted by the grid each was assigned
--           to when reported (incident_grid_idx); reports outside every grid count nowhere
--   rates   count * 1000 / households, rounded to 2 decimals before classing, so the legend's
--           bounds and the rates shown agree exactly; no rate without households
--   breaks  class bounds by quantiles (quintiles) of the rates: the upper bound of class k is
--           the 20·(k+1) % percentile_disc, an actual grid's rate; repeated bounds (ties, many
--           zeros) are dropped, so there are at most 5 classes and none is empty. A grid's class
--           is the first bound its rate does not exceed.
WITH grids AS (SELECT g.code, g.name, g.households, g.geom
               FROM grid g
               WHERE g.valid_from < :to AND g.valid_to >= :to
                 AND (:minx::float8 IS NULL OR g.geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326))),
counts AS (SELECT i.grid_code AS code, count(*) AS n
           FROM incident i
           WHERE i.grid_code IN (SELECT code FROM grids)
             AND i.reported_at >= :from AND i.reported_at < :to
             AND (:matters::text[] IS NULL OR i.matter_code = ANY (:matters))
             AND (:statuses::text[] IS NULL OR i.status = ANY (:statuses))
           GROUP BY i.grid_code),
rates AS MATERIALIZED (SELECT g.code, g.name, g.households, g.geom, coalesce(c.n, 0) AS n,
                              CASE WHEN g.households > 0 THEN round(coalesce(c.n, 0) * 1000.0 / g.households, 2) END AS rate
                       FROM grids g LEFT JOIN counts c USING (code)),
breaks AS MATERIALIZED (SELECT coalesce(ARRAY(SELECT DISTINCT b FROM unnest(s.q) AS b ORDER BY b), '{}') AS upper,
                               s.low
                        FROM (SELECT percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8, 1.0]) WITHIN GROUP (ORDER BY rate) AS q,
                                     min(rate) AS low
                              FROM rates WHERE rate IS NOT NULL) s)
SELECT '{"type":"Feature","id":' || to_json(r.code)::text
           || ',"geometry":' || ST_AsGeoJSON(r.geom, 7)
           || ',"properties":' || json_build_object(
                  'code', r.code,
                  'name', r.name,
                  'households', r.households,
                  'count', r.n,
                  'rate', r.rate,
                  'class', (SELECT min(u.k) - 1 FROM unnest(b.upper) WITH ORDINALITY AS u(bound, k) WHERE r.rate <= u.bound))::text
           || '}' AS feature,
       array_to_json(b.upper)::text AS breaks,
       b.low,
       sum(r.n) OVER ()::bigint AS total_count,
       sum(r.households) OVER ()::bigint AS total_households
FROM rates r CROSS JOIN breaks b
ORDER BY r.code
