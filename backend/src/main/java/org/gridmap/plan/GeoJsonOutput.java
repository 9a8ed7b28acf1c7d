package org.gridmap.plan;

import org.gridmap.geo.InputCrs;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes geometries that the application computed (draft grids, validation locations) as
 * GeoJSON trees. Coordinates keep full double precision, so that a vertex shared by two
 * draft grids comes back from a client byte for byte and still matches. Geometries that
 * only pass through from the database are written by PostGIS instead
 * ({@code ST_AsGeoJSON}).
 */
final class GeoJsonOutput {

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private GeoJsonOutput() {
	}

	static ObjectNode write(Geometry geometry) {
		return write(geometry, InputCrs.WGS84);
	}

	/**
	 * In WGS 84, or converted to GCJ-02/BD-09 for clients drawing on Chinese web maps.
	 */
	static ObjectNode write(Geometry geometry, InputCrs crs) {
		ObjectNode out = NODES.objectNode();
		if (geometry instanceof Point p) {
			out.put("type", "Point");
			out.set("coordinates", position(p.getCoordinate(), crs));
		}
		else if (geometry instanceof LineString l) {
			out.put("type", "LineString");
			out.set("coordinates", positions(l.getCoordinates(), crs));
		}
		else if (geometry instanceof Polygon p) {
			out.put("type", "Polygon");
			out.set("coordinates", rings(p, crs));
		}
		else if (geometry instanceof MultiPolygon m) {
			out.put("type", "MultiPolygon");
			ArrayNode polygons = out.putArray("coordinates");
			for (int i = 0; i < m.getNumGeometries(); i++) {
				polygons.add(rings((Polygon) m.getGeometryN(i), crs));
			}
		}
		else if (geometry instanceof MultiLineString m) {
			out.put("type", "MultiLineString");
			ArrayNode lines = out.putArray("coordinates");
			for (int i = 0; i < m.getNumGeometries(); i++) {
				lines.add(positions(m.getGeometryN(i).getCoordinates(), crs));
			}
		}
		else if (geometry instanceof MultiPoint m) {
			out.put("type", "MultiPoint");
			out.set("coordinates", positions(m.getCoordinates(), crs));
		}
		else if (geometry instanceof GeometryCollection c) {
			out.put("type", "GeometryCollection");
			ArrayNode members = out.putArray("geometries");
			for (int i = 0; i < c.getNumGeometries(); i++) {
				members.add(write(c.getGeometryN(i), crs));
			}
		}
		else {
			throw new IllegalArgumentException("Cannot write " + geometry.getGeometryType());
		}
		return out;
	}

	/** Rings as RFC 7946 wants them: exterior counter-clockwise, holes clockwise. */
	private static ArrayNode rings(Polygon polygon, InputCrs crs) {
		Polygon oriented = orient(polygon);
		ArrayNode rings = NODES.arrayNode();
		rings.add(positions(oriented.getExteriorRing().getCoordinates(), crs));
		for (int i = 0; i < oriented.getNumInteriorRing(); i++) {
			rings.add(positions(oriented.getInteriorRingN(i).getCoordinates(), crs));
		}
		return rings;
	}

	private static Polygon orient(Polygon polygon) {
		LinearRing shell = polygon.getExteriorRing();
		if (!Orientation.isCCW(shell.getCoordinates())) {
			shell = shell.reverse();
		}
		LinearRing[] holes = new LinearRing[polygon.getNumInteriorRing()];
		for (int i = 0; i < holes.length; i++) {
			LinearRing hole = polygon.getInteriorRingN(i);
			holes[i] = Orientation.isCCW(hole.getCoordinates()) ? hole.reverse() : hole;
		}
		return polygon.getFactory().createPolygon(shell, holes);
	}

	private static ArrayNode positions(Coordinate[] coordinates, InputCrs crs) {
		ArrayNode out = NODES.arrayNode(coordinates.length);
		for (Coordinate c : coordinates) {
			out.add(position(c, crs));
		}
		return out;
	}

	private static ArrayNode position(Coordinate c, InputCrs crs) {
		ArrayNode out = NODES.arrayNode(2);
		if (crs == InputCrs.WGS84 || crs == InputCrs.CGCS2000) {
			return out.add(c.x).add(c.y);
		}
		double[] converted = crs.fromWgs84(c.x, c.y);
		return out.add(converted[0]).add(converted[1]);
	}

}
