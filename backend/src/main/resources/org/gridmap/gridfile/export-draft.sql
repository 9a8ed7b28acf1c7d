-- A draft plan's grids for export (the "src" of export-format.sql): the plan derives them
-- in Java, so they arrive as arrays (geometry as hex WKB) and PostGIS writes the file rows
-- exactly as for live grids. Codes are the planned codes the grids will be published under;
-- valid_from is the plan's effective instant.
SELECT d.code,
       d.name,
       d.grid_type,
       d.households,
       d.population,
       d.community_code,
       c.name AS community_name,
       s.name AS street_name,
       :validFrom::timestamptz AS valid_from,
       ST_SetSRID(ST_Multi(ST_GeomFromWKB(decode(d.wkb, 'hex'))), 4326) AS geom
FROM unnest(:codes::text[], :names::text[], :types::text[], :households::int[], :populations::int[],
            :communities::text[], :wkbs::text[])
         AS d(code, name, grid_type, households, population, community_code, wkb)
LEFT JOIN admin_area c ON c.code = d.community_code AND c.valid_from <= now() AND c.valid_to > now()
LEFT JOIN admin_area s ON s.code = c.parent_code AND s.valid_from <= now() AND s.valid_to > now()
