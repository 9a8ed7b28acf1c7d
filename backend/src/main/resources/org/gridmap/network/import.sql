-- Street lines from a GeoJSON FeatureCollection (checked by NetworkController), cut into
-- their straight segments: a vertex shared by two lines (an OSM junction node, a drawn
-- crossing) then becomes a vertex of the network, while lines that only cross (a bridge)
-- stay apart. gridmap_network_build_topology() gives the new edges their vertices next.
INSERT INTO road_edge (name, kind, origin, geom)
SELECT f.value -> 'properties' ->> 'name', f.value -> 'properties' ->> 'kind', :origin,
       ST_MakeLine(seg.p1, seg.p2)
FROM json_array_elements(:doc::json -> 'features') AS f
CROSS JOIN LATERAL ST_Dump(ST_SetSRID(ST_GeomFromGeoJSON(f.value ->> 'geometry'), 4326)) AS line
CROSS JOIN LATERAL (SELECT ST_PointN(line.geom, i) AS p1, ST_PointN(line.geom, i + 1) AS p2
                    FROM generate_series(1, ST_NPoints(line.geom) - 1) AS i) AS seg
WHERE NOT ST_Equals(seg.p1, seg.p2)
