package org.gridmap.hotspot;

import org.gridmap.database.SqlScript;

/**
 * The one Gi* computation (gi-star.sql) that the hotspot cells and the hotspot tiles
 * share, and the cell size that a zoom level implies for both.
 */
final class GiStar {

	static final String INCLUDE = "-- @include gi-star.sql";

	/**
	 * Cells about this many screen pixels across (256-pixel tiles) when sized from a
	 * zoom.
	 */
	static final int CELL_PIXELS = 40;

	/** Web Mercator metres per pixel at zoom 0 (256-pixel tiles). */
	static final double MERCATOR_METRES_PER_PIXEL = 156_543.03;

	private static final String BODY = SqlScript.load(GiStar.class, "gi-star.sql");

	private GiStar() {
	}

	/**
	 * A hotspot query: {@code file} with gi-star.sql (its last CTEs, the final one
	 * {@code classified}) in place of its include line.
	 */
	static String query(String file) {
		String text = SqlScript.load(GiStar.class, file);
		if (!text.contains(INCLUDE)) {
			throw new IllegalStateException(file + " lacks the line '" + INCLUDE + "'");
		}
		return text.replace(INCLUDE, BODY.strip());
	}

	/**
	 * The hexagon edge, in Web Mercator units, of cells {@link #CELL_PIXELS} across at
	 * {@code zoom}: the same at every latitude, so that every tile of a zoom level, and
	 * every bbox asked at that zoom, uses the same hexagonal grid (anchored at the
	 * origin).
	 */
	static double edge(int zoom) {
		return CELL_PIXELS / 2.0 * MERCATOR_METRES_PER_PIXEL / Math.pow(2, zoom);
	}

}
