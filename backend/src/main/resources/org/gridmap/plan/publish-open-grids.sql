-- Opens the plan's new grid versions from its effective instant. Geometry arrives as
-- hexadecimal WKB written by JTS, exactly as validated.
INSERT INTO grid (code, community_code, name, grid_type, households, population, service_hotline, duties,
                  valid_from, geom, opened_by_plan)
SELECT n.code, left(n.code, 12), n.name, n.grid_type, n.households, n.population, n.hotline, n.duties,
       :at, ST_Multi(ST_GeomFromWKB(decode(n.wkb, 'hex'), 4326)), :plan
FROM unnest(:code::text[], :name::text[], :type::text[], :households::int[], :population::int[],
            :hotline::text[], :duties::text[], :wkb::text[])
         AS n(code, name, grid_type, households, population, hotline, duties, wkb)
