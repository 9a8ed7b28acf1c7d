package org.gridmap.gridfile;

import java.util.List;

/**
 * A grid file read, converted to WGS 84 and checked: the grids, and what the planner
 * should know about the file before it becomes a draft.
 *
 * @param format {@code geojson}, {@code gpkg} or {@code shapefile}
 * @param crs the coordinate system the coordinates were read in
 * @param declared what the file itself says ({@code null} when it says nothing)
 * @param invalid grids whose geometry is not valid (a self-intersection such as a
 * bow-tie, a hole outside its shell …): read, and left to the draft's validation
 * @param notes what was dropped or assumed (Z values, code pages …)
 */
public record ParsedFile(String format, String crs, String declared, List<GridRecord> grids,
		List<InvalidGeometry> invalid, List<String> notes, long vertices) {

	/** A geometry that is not valid, with the reason and the place to show on a map. */
	public record InvalidGeometry(int feature, String code, String reason, double[] location) {
	}

}
