package org.gridmap.proposal;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Lengths and areas of WGS 84 geometries in metres, in a local equirectangular projection
 * at one latitude (the community's): off by well under 0.1 % across a community, which is
 * plenty for balancing and compactness figures. The plan's validation measures the same
 * way.
 */
final class LocalMetres {

	private static final double METRES_PER_DEGREE_LAT = 110_574;

	private static final double METRES_PER_DEGREE_LON_AT_EQUATOR = 111_320;

	final double kx;

	final double ky;

	LocalMetres(double latitude) {
		this.kx = METRES_PER_DEGREE_LON_AT_EQUATOR * Math.cos(Math.toRadians(latitude));
		this.ky = METRES_PER_DEGREE_LAT;
	}

	static LocalMetres at(Geometry geometry) {
		return new LocalMetres(geometry.getEnvelopeInternal().centre().y);
	}

	double area(Geometry geometry) {
		return geometry.getArea() * this.kx * this.ky;
	}

	double length(Coordinate a, Coordinate b) {
		return Math.hypot((b.x - a.x) * this.kx, (b.y - a.y) * this.ky);
	}

	/** The length of every ring of the polygonal geometry. */
	double perimeter(Geometry polygonal) {
		double sum = 0;
		for (int i = 0; i < polygonal.getNumGeometries(); i++) {
			Polygon polygon = (Polygon) polygonal.getGeometryN(i);
			sum += length(polygon.getExteriorRing());
			for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
				sum += length(polygon.getInteriorRingN(h));
			}
		}
		return sum;
	}

	/**
	 * Polsby-Popper compactness 4πA/P²: 1 for a disc, about 0.785 for a square, towards 0
	 * for long or ragged shapes.
	 */
	double polsbyPopper(Geometry polygonal) {
		double perimeter = perimeter(polygonal);
		return (perimeter > 0) ? 4 * Math.PI * area(polygonal) / (perimeter * perimeter) : 0;
	}

	private double length(LineString line) {
		double sum = 0;
		for (int i = 1; i < line.getNumPoints(); i++) {
			sum += length(line.getCoordinateN(i - 1), line.getCoordinateN(i));
		}
		return sum;
	}

}
