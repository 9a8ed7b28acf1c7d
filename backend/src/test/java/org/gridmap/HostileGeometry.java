package org.gridmap;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Valid polygons for the property tests of the GeoJSON readers: convex rings of 3 to 60
 * distinct vertices, counter-clockwise, closed, a few metres to a kilometre across,
 * somewhere in China; written as GeoJSON text with {@link Double#toString} so that every
 * coordinate reads back exactly.
 */
public final class HostileGeometry {

	private HostileGeometry() {
	}

	/** A closed ring: {@code [lon, lat]} positions, the last equal to the first. */
	public static Arbitrary<List<double[]>> convexRings() {
		return Combinators
			.combine(Arbitraries.doubles().between(100, 125).ofScale(7),
					Arbitraries.doubles().between(25, 45).ofScale(7),
					Arbitraries.doubles().between(0.0001, 0.01).ofScale(6), Arbitraries.integers().between(3, 60))
			.as((lon, lat, radius, n) -> {
				List<double[]> ring = new java.util.ArrayList<>();
				for (int i = 0; i < n; i++) {
					double angle = 2 * Math.PI * i / n;
					ring.add(new double[] { lon + radius * Math.cos(angle), lat + radius * Math.sin(angle) });
				}
				ring.add(ring.get(0).clone());
				return ring;
			});
	}

	/** The rings of a Polygon as GeoJSON coordinates text. */
	public static String coordinates(List<double[]> ring) {
		StringBuilder out = new StringBuilder("[[");
		for (int i = 0; i < ring.size(); i++) {
			out.append((i > 0) ? "," : "")
				.append('[')
				.append(ring.get(i)[0])
				.append(',')
				.append(ring.get(i)[1])
				.append(']');
		}
		return out.append("]]").toString();
	}

}
