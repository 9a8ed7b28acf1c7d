package org.gridmap.gridfile;

import org.locationtech.jts.geom.Geometry;

/**
 * One grid as read from a file, in WGS 84 (EPSG:4326). Attributes a file does not carry
 * are {@code null}: an import keeps the live grid's value then, or uses a default for a
 * new grid.
 *
 * @param feature the feature's position in the file, from 1, for messages
 * @param code the 15-digit grid code
 * @param parentCode the community's 12-digit code (always the code's first 12 digits)
 * @param geometry a Polygon or MultiPolygon, possibly invalid (see {@link ParsedFile})
 */
public record GridRecord(int feature, String code, String name, String type, Integer households, Integer population,
		String parentCode, Geometry geometry) {
}
