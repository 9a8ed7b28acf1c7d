-- The spatial extent of each collection's live features, for the collection metadata that
-- clients (QGIS, GDAL) use to zoom to the data. Computed from the GiST-indexed bounding boxes.
SELECT 'districts' AS id, ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy
FROM (SELECT ST_Extent(geom)::geometry AS e FROM admin_area WHERE level = 'district' AND valid_to = 'infinity') d
UNION ALL
SELECT 'streets', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
FROM (SELECT ST_Extent(geom)::geometry AS e FROM admin_area WHERE level = 'street' AND valid_to = 'infinity') s
UNION ALL
SELECT 'communities', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
FROM (SELECT ST_Extent(geom)::geometry AS e FROM admin_area WHERE level = 'community' AND valid_to = 'infinity') c
UNION ALL
SELECT 'grids', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
FROM (SELECT ST_Extent(geom)::geometry AS e FROM grid WHERE valid_to = 'infinity') g
UNION ALL
SELECT 'stations', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
FROM (SELECT ST_Extent(geom)::geometry AS e FROM service_station) t
UNION ALL
SELECT 'incidents', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
FROM (SELECT ST_Extent(public_geom)::geometry AS e FROM incident) i
