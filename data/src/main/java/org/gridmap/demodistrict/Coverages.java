package org.gridmap.demodistrict;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.noding.NodedSegmentString;
import org.locationtech.jts.noding.SegmentString;
import org.locationtech.jts.noding.snapround.SnapRoundingNoder;

/**
 * Turns the finest pieces into an exact coverage at the output precision, and builds
 * every coarser level as the union of its children. All rings are snap-rounded together
 * in one pass, so a vertex of one polygon that lies on an edge of its neighbour becomes a
 * vertex of both: shared edges get identical vertices and no gap or overlap survives
 * rounding. Unions of such a coverage reuse the same vertices, so each level is exact as
 * well.
 */
final class Coverages {

	private Coverages() {
	}

	/**
	 * The polygons, given in lon/lat at floating precision, as a coverage rounded to
	 * {@link Plane#PRECISION}. Ring parts that collapse under rounding are dropped.
	 */
	static List<MultiPolygon> snapRound(List<Geometry> polygons) {
		// rings[piece][polygon][ring], ring 0 the shell
		List<List<List<CoordinateList>>> rings = new ArrayList<>();
		List<NodedSegmentString> strings = new ArrayList<>();
		for (int g = 0; g < polygons.size(); g++) {
			Geometry piece = polygons.get(g);
			List<List<CoordinateList>> pieceRings = new ArrayList<>();
			for (int p = 0; p < piece.getNumGeometries(); p++) {
				Polygon polygon = (Polygon) piece.getGeometryN(p);
				List<CoordinateList> polygonRings = new ArrayList<>();
				for (int r = 0; r <= polygon.getNumInteriorRing(); r++) {
					LinearRing ring = (r == 0) ? polygon.getExteriorRing() : polygon.getInteriorRingN(r - 1);
					strings.add(new NodedSegmentString(ring.getCoordinates(), new int[] { g, p, r }));
					polygonRings.add(new CoordinateList());
				}
				pieceRings.add(polygonRings);
			}
			rings.add(pieceRings);
		}
		SnapRoundingNoder noder = new SnapRoundingNoder(Plane.PRECISION);
		noder.computeNodes(strings);
		// Substrings come back in input order, each ring's split in order along it.
		for (Object noded : noder.getNodedSubstrings()) {
			SegmentString substring = (SegmentString) noded;
			int[] key = (int[]) substring.getData();
			rings.get(key[0]).get(key[1]).get(key[2]).add(substring.getCoordinates(), false);
		}
		List<MultiPolygon> result = new ArrayList<>(polygons.size());
		for (List<List<CoordinateList>> pieceRings : rings) {
			List<Polygon> parts = new ArrayList<>();
			for (List<CoordinateList> polygonRings : pieceRings) {
				LinearRing shell = ring(polygonRings.get(0));
				if (shell == null) {
					continue;
				}
				List<LinearRing> holes = new ArrayList<>();
				for (CoordinateList hole : polygonRings.subList(1, polygonRings.size())) {
					LinearRing holeRing = ring(hole);
					if (holeRing != null) {
						holes.add(holeRing);
					}
				}
				parts.add(Plane.WGS84.createPolygon(shell, holes.toArray(LinearRing[]::new)));
			}
			result.add(oriented(Plane.WGS84.createMultiPolygon(parts.toArray(Polygon[]::new))));
		}
		return result;
	}

	private static LinearRing ring(CoordinateList coordinates) {
		if (coordinates.isEmpty()) {
			return null;
		}
		coordinates.closeRing();
		if (coordinates.size() < 4) {
			return null;
		}
		Coordinate[] ring = coordinates.toCoordinateArray();
		if (area(ring) == 0) {
			return null;
		}
		return Plane.WGS84.createLinearRing(ring);
	}

	/** The union of a coverage, with the same vertices along its boundary. */
	static MultiPolygon union(List<MultiPolygon> coverage) {
		return oriented(CoverageUnion.union(coverage.toArray(Geometry[]::new)));
	}

	/** The polygons with exterior rings counter-clockwise and holes clockwise. */
	static MultiPolygon oriented(Geometry geometry) {
		Polygon[] parts = new Polygon[geometry.getNumGeometries()];
		for (int i = 0; i < parts.length; i++) {
			Polygon polygon = (Polygon) geometry.getGeometryN(i);
			LinearRing[] holes = new LinearRing[polygon.getNumInteriorRing()];
			for (int h = 0; h < holes.length; h++) {
				holes[h] = orientedRing(polygon.getInteriorRingN(h), false);
			}
			parts[i] = Plane.WGS84.createPolygon(orientedRing(polygon.getExteriorRing(), true), holes);
		}
		return Plane.WGS84.createMultiPolygon(parts);
	}

	private static LinearRing orientedRing(LinearRing ring, boolean counterClockwise) {
		Coordinate[] coordinates = ring.getCoordinates();
		if (Orientation.isCCW(coordinates) != counterClockwise) {
			coordinates = reversed(coordinates);
		}
		return Plane.WGS84.createLinearRing(coordinates);
	}

	private static Coordinate[] reversed(Coordinate[] coordinates) {
		Coordinate[] reversed = new Coordinate[coordinates.length];
		for (int i = 0; i < coordinates.length; i++) {
			reversed[i] = coordinates[coordinates.length - 1 - i].copy();
		}
		return reversed;
	}

	private static double area(Coordinate[] ring) {
		return Math.abs(org.locationtech.jts.algorithm.Area.ofRingSigned(ring));
	}

}
