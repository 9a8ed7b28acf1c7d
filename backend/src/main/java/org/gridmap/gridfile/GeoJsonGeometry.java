package org.gridmap.gridfile;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * A Polygon or MultiPolygon read from a file, as a GeoJSON geometry for JSON answers
 * (full precision, rings as read). The geometry was built here from the file, not passed
 * through from PostGIS, so Java writes it.
 */
record GeoJsonGeometry(String type, Object coordinates) {

	static GeoJsonGeometry of(Geometry geometry) {
		if (geometry instanceof Polygon polygon) {
			return new GeoJsonGeometry("Polygon", polygon(polygon));
		}
		double[][][][] polygons = new double[geometry.getNumGeometries()][][][];
		for (int i = 0; i < polygons.length; i++) {
			polygons[i] = polygon((Polygon) geometry.getGeometryN(i));
		}
		return new GeoJsonGeometry("MultiPolygon", polygons);
	}

	private static double[][][] polygon(Polygon polygon) {
		double[][][] rings = new double[1 + polygon.getNumInteriorRing()][][];
		rings[0] = ring(polygon.getExteriorRing());
		for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
			rings[i + 1] = ring(polygon.getInteriorRingN(i));
		}
		return rings;
	}

	private static double[][] ring(LineString ring) {
		Coordinate[] points = ring.getCoordinates();
		double[][] out = new double[points.length][];
		for (int i = 0; i < points.length; i++) {
			out[i] = new double[] { points[i].x, points[i].y };
		}
		return out;
	}

}
