/**
 * Grid files in and out: strict, bounded readers for GeoJSON, GeoPackage and zipped
 * Shapefile that turn a planner's file into {@link org.gridmap.gridfile.GridRecord}s in
 * WGS 84 (converting from an EPSG code, the file's own CRS, GCJ-02 or BD-09), a preview
 * that parses without writing, the import of a file into a draft plan (never into live
 * data), and exports of live or draft grids as GeoJSON, GeoPackage and CSV (WKT).
 */
package org.gridmap.gridfile;
