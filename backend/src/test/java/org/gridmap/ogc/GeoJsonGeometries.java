package org.gridmap.ogc;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.algorithm.Orientation;
import tools.jackson.databind.JsonNode;

/**
 * Reads GeoJSON geometries (RFC 7946) into JTS for checks in tests, strictly: rings must
 * be closed with at least four positions, positions two numbers; orientation is reported,
 * not fixed, so tests can assert it.
 */
final class GeoJsonGeometries {

	private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

	private GeoJsonGeometries() {
	}

	static Geometry read(JsonNode geometry) {
		String type = geometry.get("type").asString();
		JsonNode coordinates = geometry.get("coordinates");
		return switch (type) {
			case "Point" -> FACTORY.createPoint(position(coordinates));
			case "Polygon" -> polygon(coordinates);
			case "MultiPolygon" -> {
				List<Polygon> polygons = new ArrayList<>();
				coordinates.forEach((p) -> polygons.add(polygon(p)));
				yield FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
			}
			default -> throw new AssertionError("unexpected geometry type " + type);
		};
	}

	/** Whether every exterior ring runs counter-clockwise and every hole clockwise. */
	static boolean rightHandRule(Geometry geometry) {
		for (int i = 0; i < geometry.getNumGeometries(); i++) {
			if (geometry.getGeometryN(i) instanceof Polygon polygon) {
				if (!Orientation.isCCW(polygon.getExteriorRing().getCoordinates())) {
					return false;
				}
				for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
					if (Orientation.isCCW(polygon.getInteriorRingN(h).getCoordinates())) {
						return false;
					}
				}
			}
		}
		return true;
	}

	private static Polygon polygon(JsonNode rings) {
		LinearRing shell = ring(rings.get(0));
		LinearRing[] holes = new LinearRing[rings.size() - 1];
		for (int i = 1; i < rings.size(); i++) {
			holes[i - 1] = ring(rings.get(i));
		}
		return FACTORY.createPolygon(shell, holes);
	}

	private static LinearRing ring(JsonNode positions) {
		Coordinate[] coordinates = new Coordinate[positions.size()];
		for (int i = 0; i < positions.size(); i++) {
			coordinates[i] = position(positions.get(i));
		}
		// createLinearRing rejects unclosed rings and rings of fewer than four positions.
		return FACTORY.createLinearRing(coordinates);
	}

	private static Coordinate position(JsonNode position) {
		if (position.size() != 2) {
			throw new AssertionError("position with " + position.size() + " numbers: " + position);
		}
		return new Coordinate(position.get(0).asDouble(), position.get(1).asDouble());
	}

}
