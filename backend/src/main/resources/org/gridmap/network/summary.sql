-- What network is loaded: edges, vertices, total length and extent, by origin.
SELECT json_build_object(
           'edges', (SELECT count(*) FROM road_edge),
           'vertices', (SELECT count(*) FROM road_vertex),
           'kilometres', (SELECT round((coalesce(sum(length_m), 0) / 1000)::numeric, 1) FROM road_edge),
           'byOrigin', (SELECT coalesce(json_object_agg(origin, n), '{}'::json)
                        FROM (SELECT origin, count(*) AS n FROM road_edge GROUP BY origin) o),
           'bbox', (SELECT json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))
                    FROM (SELECT ST_Extent(geom) AS e FROM road_edge) x WHERE e IS NOT NULL))::text AS doc
