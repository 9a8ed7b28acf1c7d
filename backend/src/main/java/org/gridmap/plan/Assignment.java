package org.gridmap.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Which of a set of grids holds a point, by the rule lookup uses everywhere: of the grids
 * whose closed polygon contains the point, the one with the lowest code. An STR-tree over
 * the grids' envelopes and prepared geometries keep this fast for tens of thousands of
 * address points.
 *
 * @param <G> the grid type (base or draft)
 */
final class Assignment<G> {

	private final STRtree index = new STRtree();

	private final Function<G, String> code;

	private record Entry<G>(G grid, String code, PreparedGeometry shape) {
	}

	Assignment(Collection<G> grids, Function<G, Geometry> geometry, Function<G, String> code) {
		this.code = code;
		for (G grid : grids) {
			Geometry shape = geometry.apply(grid);
			this.index.insert(shape.getEnvelopeInternal(),
					new Entry<>(grid, code.apply(grid), PreparedGeometryFactory.prepare(shape)));
		}
		this.index.build();
	}

	/** The grid holding the point, or null when none does. */
	@SuppressWarnings("unchecked")
	G at(Point point) {
		Coordinate c = point.getCoordinate();
		List<Entry<G>> candidates = new ArrayList<>();
		this.index.query(new Envelope(c), (item) -> candidates.add((Entry<G>) item));
		Entry<G> best = null;
		for (Entry<G> candidate : candidates) {
			if ((best == null || candidate.code().compareTo(best.code()) < 0) && candidate.shape().intersects(point)) {
				best = candidate;
			}
		}
		return (best != null) ? best.grid() : null;
	}

	String codeOf(G grid) {
		return (grid != null) ? this.code.apply(grid) : null;
	}

}
