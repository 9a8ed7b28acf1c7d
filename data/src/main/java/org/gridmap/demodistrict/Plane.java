package org.gridmap.demodistrict;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * The local plane the district is drawn in, metres east and north of the district centre,
 * and its mapping to WGS 84 lon/lat. The mapping is affine (scale at the centre
 * latitude): over 20 km the error is a few metres, and being affine it keeps every
 * topological relation, so a partition in metres is still a partition in degrees.
 */
final class Plane {

	static final double CENTRE_LON = 130.80;

	static final double CENTRE_LAT = 45.35;

	/** Output coordinates are rounded to 1e-7 degrees (about 1 cm). */
	static final PrecisionModel PRECISION = new PrecisionModel(1e7);

	static final GeometryFactory WGS84 = new GeometryFactory(PRECISION, 4326);

	/** Floating precision: the metric plane is exact until the final snap rounding. */
	static final GeometryFactory METRES = new GeometryFactory();

	private static final double PHI = Math.toRadians(CENTRE_LAT);

	/** Metres per degree on the WGS 84 ellipsoid at the centre latitude. */
	static final double METRES_PER_DEGREE_LAT = 111132.954 - 559.822 * Math.cos(2 * PHI) + 1.175 * Math.cos(4 * PHI);

	static final double METRES_PER_DEGREE_LON = 111412.84 * Math.cos(PHI) - 93.5 * Math.cos(3 * PHI);

	private static final AffineTransformation TO_LON_LAT = new AffineTransformation(1 / METRES_PER_DEGREE_LON, 0,
			CENTRE_LON, 0, 1 / METRES_PER_DEGREE_LAT, CENTRE_LAT);

	private Plane() {
	}

	/** The same geometry in lon/lat, not yet rounded. */
	static Geometry toLonLat(Geometry metric) {
		return TO_LON_LAT.transform(metric);
	}

	static double degreesLon(double metres) {
		return metres / METRES_PER_DEGREE_LON;
	}

	static double degreesLat(double metres) {
		return metres / METRES_PER_DEGREE_LAT;
	}

	/** A WGS 84 point rounded to the output precision. */
	static Point point(double lon, double lat) {
		Coordinate c = new Coordinate(lon, lat);
		PRECISION.makePrecise(c);
		return WGS84.createPoint(c);
	}

}
