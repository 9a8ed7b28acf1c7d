package org.gridmap.demodistrict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Cuts a polygon of the metric plane into pieces: the Voronoi cells of seed points
 * clipped to the polygon, relaxed a few times towards their centroids (Lloyd) so that
 * pieces are compact and of similar size. Pieces of one polygon share their edges exactly
 * up to floating-point noise; {@link Coverages} turns that into identical vertices.
 */
final class Cutter {

	private Cutter() {
	}

	/** The pieces of {@code parent}, one per seed and in seed order. */
	static List<Geometry> cut(Geometry parent, List<Coordinate> seeds) {
		if (seeds.size() == 1) {
			return List.of(parent);
		}
		VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
		builder.setSites(seeds);
		Envelope clip = new Envelope(parent.getEnvelopeInternal());
		clip.expandBy(Math.max(clip.getWidth(), clip.getHeight()));
		builder.setClipEnvelope(clip);
		Geometry diagram = builder.getDiagram(Plane.METRES);
		Map<Coordinate, Geometry> cellBySeed = new TreeMap<>();
		for (int i = 0; i < diagram.getNumGeometries(); i++) {
			Geometry cell = diagram.getGeometryN(i);
			cellBySeed.put((Coordinate) cell.getUserData(), cell);
		}
		List<Geometry> pieces = new ArrayList<>(seeds.size());
		for (Coordinate seed : seeds) {
			pieces.add(cellBySeed.get(seed).intersection(parent));
		}
		return pieces;
	}

	/**
	 * The pieces after {@code iterations} Lloyd steps, each moving every seed to its
	 * piece's centroid. A step that would leave a piece empty is not taken.
	 */
	static List<Geometry> relaxedCut(Geometry parent, List<Coordinate> seeds, int iterations) {
		List<Geometry> pieces = cut(parent, seeds);
		for (int i = 0; i < iterations; i++) {
			List<Coordinate> next = new ArrayList<>(pieces.size());
			for (Geometry piece : pieces) {
				Point centroid = piece.getCentroid();
				next.add(parent.contains(centroid) ? centroid.getCoordinate()
						: piece.getInteriorPoint().getCoordinate());
			}
			List<Geometry> nextPieces = cut(parent, next);
			if (nextPieces.stream().anyMatch((p) -> p.isEmpty() || p.getArea() < 1)) {
				break;
			}
			pieces = nextPieces;
		}
		return pieces;
	}

	/**
	 * {@code n} well-spread points inside {@code parent}: Mitchell's best candidate, each
	 * point the one of 20 random candidates farthest from those already chosen.
	 */
	static List<Coordinate> scatter(Geometry parent, int n, Random random) {
		IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(parent);
		Envelope envelope = parent.getEnvelopeInternal();
		List<Coordinate> chosen = new ArrayList<>(n);
		while (chosen.size() < n) {
			Coordinate best = null;
			double bestDistance = -1;
			for (int candidates = 0; candidates < 20;) {
				Coordinate c = new Coordinate(envelope.getMinX() + random.nextDouble() * envelope.getWidth(),
						envelope.getMinY() + random.nextDouble() * envelope.getHeight());
				if (locator.locate(c) != Location.INTERIOR) {
					continue;
				}
				candidates++;
				double distance = Double.MAX_VALUE;
				for (Coordinate other : chosen) {
					distance = Math.min(distance, other.distance(c));
				}
				if (distance > bestDistance) {
					best = c;
					bestDistance = distance;
				}
			}
			chosen.add(best);
		}
		return chosen;
	}

	/**
	 * The pieces in reading order, the order their codes follow: rows from north to south
	 * (about the square root of the count of them), west to east within a row.
	 */
	static List<Geometry> readingOrder(List<Geometry> pieces) {
		Envelope all = new Envelope();
		pieces.forEach((p) -> all.expandToInclude(p.getEnvelopeInternal()));
		int rows = Math.max(1, (int) Math.round(Math.sqrt(pieces.size())));
		Comparator<Geometry> byRow = Comparator.comparingInt((p) -> {
			double fromTop = (all.getMaxY() - p.getCentroid().getY()) / all.getHeight();
			return Math.min(rows - 1, (int) (fromTop * rows));
		});
		List<Geometry> sorted = new ArrayList<>(pieces);
		sorted.sort(byRow.thenComparingDouble((p) -> p.getCentroid().getX()));
		return sorted;
	}

}
