package org.gridmap.gridfile;

import java.util.Map;

import org.locationtech.jts.geom.Geometry;

/**
 * A feature as a reader found it: its properties and its Polygon or MultiPolygon in the
 * file's own coordinates (x east, y north), before conversion to WGS 84.
 *
 * @param feature position in the file, from 1
 * @param line for text formats the line where the feature starts, else 0
 */
record RawFeature(int feature, Map<String, Object> properties, Geometry geometry, long line, long column) {
}
