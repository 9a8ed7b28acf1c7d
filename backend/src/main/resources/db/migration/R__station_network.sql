-- Road-network functions of the service-circle feature (org.gridmap.station). They are
-- PL/pgSQL, bound late: creating them needs no pgRouting, calling gridmap_network_area
-- does (the service checks for the extension first and answers "unavailable" without it).

-- Coordinates rounded to 1e-7 degree (about 1 cm): how edge end points meet at a vertex.
CREATE OR REPLACE FUNCTION gridmap_round7(value double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT round(value::numeric, 7)::double precision $$;

-- The UTM zone (WGS 84, EPSG:326xx north / 327xx south) of a point: a metric plane with a
-- scale error under 0.1 % within the zone, for buffers and line fractions in metres.
CREATE OR REPLACE FUNCTION gridmap_utm_srid(lon double precision, lat double precision) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (CASE WHEN lat >= 0 THEN 32600 ELSE 32700 END) + (floor((lon + 180) / 6)::integer % 60) + 1 $$;

-- Topology for edges that have none yet (new imports): a vertex per distinct rounded end
-- point, source/target from it, and the geodesic length as cost. Our own assignment rather
-- than pgr_createTopology, so that importing works without pgRouting and ends meet only
-- where they are equal (a tolerance would join streets that cross on a bridge).
-- Returns the number of edges given a topology.
CREATE OR REPLACE FUNCTION gridmap_network_build_topology() RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    changed integer;
BEGIN
    INSERT INTO road_vertex (geom)
    SELECT DISTINCT ON (x, y) ST_SetSRID(ST_MakePoint(x, y), 4326)
    FROM (SELECT gridmap_round7(ST_X(p)) AS x, gridmap_round7(ST_Y(p)) AS y
          FROM road_edge e
          CROSS JOIN LATERAL (VALUES (ST_StartPoint(e.geom)), (ST_EndPoint(e.geom))) AS ends (p)
          WHERE e.source IS NULL OR e.target IS NULL) q
    ORDER BY x, y
    ON CONFLICT DO NOTHING;
    UPDATE road_edge e
    SET source = vs.id, target = vt.id, length_m = ST_Length(e.geom::geography)
    FROM road_vertex vs, road_vertex vt
    WHERE (e.source IS NULL OR e.target IS NULL)
      AND ST_X(vs.geom) = gridmap_round7(ST_X(ST_StartPoint(e.geom)))
      AND ST_Y(vs.geom) = gridmap_round7(ST_Y(ST_StartPoint(e.geom)))
      AND ST_X(vt.geom) = gridmap_round7(ST_X(ST_EndPoint(e.geom)))
      AND ST_Y(vt.geom) = gridmap_round7(ST_Y(ST_EndPoint(e.geom)));
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END
$$;

-- The area reachable on foot (or by bicycle) within p_metres of network distance from a
-- point, as a WGS 84 multipolygon:
--  1. the point is snapped to the nearest edge (geodesic distance, at most p_snap metres;
--     farther: area NULL and snap_metres says how far it was); the walk to the network
--     comes off the budget;
--  2. pgr_drivingDistance runs from a virtual vertex -1 at the snap point, joined to the
--     edge's two ends by virtual edges of the right partial lengths, over the edges within
--     the budget's bounding box (network distance is never shorter than the straight line);
--  3. every edge with a reached end contributes what the remaining budget covers from that
--     end (whole when the two ends' remainders meet, else one or two partial pieces), the
--     snapped edge what the budget covers either way from the snap point;
--  4. the pieces, in the point's UTM zone, are buffered by p_buffer metres (the distance
--     from the street to the front door) and come back as one polygon.
-- edges counts the real edges that contributed (the snapped edge only when reached from an end).
CREATE OR REPLACE FUNCTION gridmap_network_area(p_lon double precision, p_lat double precision,
                                                p_metres double precision, p_snap double precision,
                                                p_buffer double precision,
                                                OUT area geometry, OUT edges integer, OUT snap_metres double precision)
    LANGUAGE plpgsql STABLE
AS $$
DECLARE
    pt     geometry := ST_SetSRID(ST_MakePoint(p_lon, p_lat), 4326);
    srid   integer := gridmap_utm_srid(p_lon, p_lat);
    start  record;
    pu     geometry;
    eu     geometry;
    f      double precision;
    len    double precision;
    budget double precision;
    box    geometry;
    dlat   double precision := p_metres / 110000.0;
    dlon   double precision := p_metres / (110000.0 * greatest(cos(radians(least(abs(p_lat) + dlat, 89.0))), 0.01));
    sql    text;
BEGIN
    edges := 0;
    SELECT r.id, r.source, r.target, r.length_m, r.geom INTO start
    FROM (SELECT * FROM road_edge WHERE source IS NOT NULL ORDER BY geom <-> pt LIMIT 8) r
    ORDER BY ST_Distance(r.geom::geography, pt::geography), r.id
    LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    pu := ST_Transform(pt, srid);
    eu := ST_Transform(start.geom, srid);
    f := ST_LineLocatePoint(eu, pu);
    len := start.length_m;
    snap_metres := ST_Distance(pt::geography, ST_Transform(ST_LineInterpolatePoint(eu, f), 4326)::geography);
    budget := p_metres - snap_metres;
    IF snap_metres > p_snap OR budget < 0 THEN
        RETURN;
    END IF;
    box := ST_MakeEnvelope(p_lon - dlon, p_lat - dlat, p_lon + dlon, p_lat + dlat, 4326);
    sql := format('SELECT id, source, target, length_m AS cost, length_m AS reverse_cost FROM road_edge '
                      || 'WHERE source IS NOT NULL AND geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326) '
                      || 'UNION ALL SELECT -1, -1, %s, %s::float8, %s::float8 '
                      || 'UNION ALL SELECT -2, -1, %s, %s::float8, %s::float8',
                  p_lon - dlon, p_lat - dlat, p_lon + dlon, p_lat + dlat,
                  start.source, f * len, f * len, start.target, (1 - f) * len, (1 - f) * len);
    WITH reached AS (SELECT node, agg_cost FROM pgr_drivingDistance(sql, -1::bigint, budget, false)),
    ends AS (SELECT r.id, ST_Transform(r.geom, srid) AS g, r.length_m AS l,
                    budget - s.agg_cost AS rs, budget - t.agg_cost AS rt
             FROM road_edge r
             LEFT JOIN reached s ON s.node = r.source
             LEFT JOIN reached t ON t.node = r.target
             WHERE r.geom && box AND r.source IS NOT NULL AND (s.node IS NOT NULL OR t.node IS NOT NULL)),
    pieces AS (SELECT g, id AS edge_id
               FROM ends WHERE coalesce(rs, 0) + coalesce(rt, 0) >= l
               UNION ALL
               SELECT ST_LineSubstring(g, 0, rs / l), id
               FROM ends WHERE rs IS NOT NULL AND rs + coalesce(rt, 0) < l
               UNION ALL
               SELECT ST_LineSubstring(g, 1 - rt / l, 1), id
               FROM ends WHERE rt IS NOT NULL AND rt + coalesce(rs, 0) < l
               UNION ALL
               SELECT CASE WHEN len > 0 THEN ST_LineSubstring(eu, greatest(0, f - budget / len), least(1, f + budget / len))
                           ELSE eu END, NULL
               UNION ALL
               SELECT ST_MakeLine(pu, ST_LineInterpolatePoint(eu, f)), NULL)
    SELECT ST_Multi(ST_ForcePolygonCCW(ST_Transform(
               ST_SimplifyPreserveTopology(ST_Buffer(ST_Collect(g), p_buffer, 'quad_segs=4'), 0.5), 4326))),
           count(DISTINCT edge_id)
    INTO area, edges
    FROM pieces;
END
$$;

-- The addresses inside any of the given areas (network walking areas), as ids: the areas
-- are unioned and subdivided so that the address index finds candidates piece by piece.
-- p_area limits the addresses to a code prefix (NULL: all).
CREATE OR REPLACE FUNCTION gridmap_addresses_in_areas(p_areas geometry[], p_area text)
    RETURNS TABLE (id bigint)
    LANGUAGE sql STABLE
    ROWS 20000
AS $$
    WITH pieces AS MATERIALIZED (SELECT ST_Subdivide(ST_Union(a), 128) AS geom FROM unnest(p_areas) AS a)
    SELECT DISTINCT ad.id FROM pieces p JOIN address ad ON ST_Intersects(p.geom, ad.geom)
    WHERE p_area IS NULL OR ad.grid_code LIKE p_area || '%'
$$;

-- The addresses within reach of at least one station, as ids: the one definition of
-- "covered" that coverage, the uncovered layer and siting share.
--   circle:  within p_metres of a station on the spheroid (ST_DWithin on geography, served
--            by the geography expression indexes of V5): exactly the geodesic circle;
--   network: inside the union of the stations' network areas (gridmap_network_area),
--            subdivided so that the address index finds candidates piece by piece.
-- p_area limits the addresses to a street/community/grid code prefix (NULL: all).
CREATE OR REPLACE FUNCTION gridmap_covered_addresses(p_metres double precision, p_method text,
                                                     p_snap double precision, p_buffer double precision,
                                                     p_area text)
    RETURNS TABLE (id bigint)
    LANGUAGE plpgsql STABLE
    -- the planner cannot see inside: this estimate makes it hash the ids for the anti-joins
    -- of the uncovered layer and siting instead of rescanning them per address
    ROWS 20000
AS $$
BEGIN
    IF p_method = 'circle' THEN
        RETURN QUERY
            SELECT a.id FROM address a
            WHERE (p_area IS NULL OR a.grid_code LIKE p_area || '%')
              AND EXISTS (SELECT 1 FROM service_station s
                          WHERE ST_DWithin(s.geom::geography, a.geom::geography, p_metres));
    ELSIF p_method = 'network' THEN
        -- with an area, only stations within reach of its addresses' hull need an area
        RETURN QUERY
            WITH scope AS (SELECT ST_ConvexHull(ST_Collect(a.geom)) AS hull FROM address a
                           WHERE p_area IS NOT NULL AND a.grid_code LIKE p_area || '%')
            SELECT c.id FROM gridmap_addresses_in_areas(
                (SELECT array_agg(n.area) FROM service_station s
                 CROSS JOIN LATERAL gridmap_network_area(ST_X(s.geom), ST_Y(s.geom), p_metres, p_snap, p_buffer) n
                 WHERE n.area IS NOT NULL
                   AND (p_area IS NULL OR EXISTS (SELECT 1 FROM scope
                                                  WHERE ST_DWithin(scope.hull::geography, s.geom::geography, p_metres)))),
                p_area) c;
    ELSE
        RAISE EXCEPTION 'unknown coverage method %', p_method;
    END IF;
END
$$;
