package org.gridmap.demodistrict;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A street network for the demo district, consistent with its dwellings, so that walking
 * areas on the network work out of the box. Drawn on one lattice of 200 m in the
 * district's metric plane, each crossing moved by up to 20 m (so streets are not ruler
 * straight): a piece of the lattice is a street when its middle lies in the district and
 * it is on an arterial line (every third line: 600 m apart), or in town (the four urban
 * streets), or within 250 m of a dwelling. So every dwelling is within about 120 m of a
 * street (half a block plus the jitter), villages are tied to the arterial lattice, and
 * the countryside between them has only arterial roads. The same seed gives the same
 * network, edge for edge; the district itself is not changed.
 */
public final class DemoStreetNetwork {

	static final double SPACING = 200;

	static final int ARTERIAL_EVERY = 3;

	static final double JITTER = 20;

	static final double NEAR_DWELLING = 250;

	private DemoStreetNetwork() {
	}

	public static List<Road> generate(DemoDistrict district, long seed) {
		Geometry outline = toMetres(district.district().geometry());
		List<Geometry> townParts = new ArrayList<>();
		for (Area area : district.areas()) {
			if (area.kind().equals("street")) {
				townParts.add(toMetres(area.geometry()));
			}
		}
		IndexedPointInAreaLocator inDistrict = new IndexedPointInAreaLocator(outline);
		IndexedPointInAreaLocator inTown = new IndexedPointInAreaLocator(Plane.METRES.buildGeometry(townParts).union());
		STRtree dwellings = new STRtree();
		for (Address address : district.addresses()) {
			Coordinate c = toMetres(address.location().getCoordinate());
			dwellings.insert(new Envelope(c), c);
		}
		dwellings.build();

		Envelope extent = outline.getEnvelopeInternal();
		int iMin = (int) Math.floor(extent.getMinX() / SPACING) - 1;
		int iMax = (int) Math.ceil(extent.getMaxX() / SPACING) + 1;
		int jMin = (int) Math.floor(extent.getMinY() / SPACING) - 1;
		int jMax = (int) Math.ceil(extent.getMaxY() / SPACING) + 1;
		// Crossings, jittered in a fixed order so the seed alone decides them.
		Random random = new Random(seed + 4);
		Coordinate[][] crossings = new Coordinate[iMax - iMin + 1][jMax - jMin + 1];
		for (int i = iMin; i <= iMax; i++) {
			for (int j = jMin; j <= jMax; j++) {
				double dx = JITTER * (2 * random.nextDouble() - 1);
				double dy = JITTER * (2 * random.nextDouble() - 1);
				crossings[i - iMin][j - jMin] = new Coordinate(i * SPACING + dx, j * SPACING + dy);
			}
		}
		int firstArterialI = Math.floorDiv(iMin, ARTERIAL_EVERY);
		int firstArterialJ = Math.floorDiv(jMin, ARTERIAL_EVERY);
		List<Road> roads = new ArrayList<>();
		for (int i = iMin; i <= iMax; i++) {
			for (int j = jMin; j <= jMax; j++) {
				// the piece east of the crossing lies on horizontal line j, north on
				// vertical line i
				if (i < iMax) {
					boolean arterial = Math.floorMod(j, ARTERIAL_EVERY) == 0;
					String name = "纬" + People.numeral(Math.floorDiv(j, ARTERIAL_EVERY) - firstArterialJ + 1)
							+ (arterial ? "路" : "街");
					add(roads, crossings[i - iMin][j - jMin], crossings[i + 1 - iMin][j - jMin], arterial, name,
							inDistrict, inTown, dwellings);
				}
				if (j < jMax) {
					boolean arterial = Math.floorMod(i, ARTERIAL_EVERY) == 0;
					String name = "经" + People.numeral(Math.floorDiv(i, ARTERIAL_EVERY) - firstArterialI + 1)
							+ (arterial ? "路" : "街");
					add(roads, crossings[i - iMin][j - jMin], crossings[i - iMin][j + 1 - jMin], arterial, name,
							inDistrict, inTown, dwellings);
				}
			}
		}
		return List.copyOf(roads);
	}

	private static void add(List<Road> roads, Coordinate a, Coordinate b, boolean arterial, String name,
			IndexedPointInAreaLocator inDistrict, IndexedPointInAreaLocator inTown, STRtree dwellings) {
		Coordinate middle = new Coordinate((a.x + b.x) / 2, (a.y + b.y) / 2);
		if (inDistrict.locate(middle) == Location.EXTERIOR) {
			return;
		}
		boolean town = inTown.locate(middle) != Location.EXTERIOR;
		if (!arterial && !town && !nearDwelling(middle, dwellings)) {
			return;
		}
		Coordinate from = lonLat(a);
		Coordinate to = lonLat(b);
		// local lanes outside town are unnamed village lanes
		String label = (arterial || town) ? name : null;
		roads.add(new Road(label, arterial ? "arterial" : "local",
				Plane.WGS84.createLineString(new Coordinate[] { from, to })));
	}

	private static boolean nearDwelling(Coordinate c, STRtree dwellings) {
		Envelope search = new Envelope(c);
		search.expandBy(NEAR_DWELLING);
		for (Object found : dwellings.query(search)) {
			if (((Coordinate) found).distance(c) <= NEAR_DWELLING) {
				return true;
			}
		}
		return false;
	}

	/** The inverse of {@link Plane#toLonLat}: the district's metric plane. */
	private static Geometry toMetres(MultiPolygon lonLat) {
		Geometry copy = Plane.METRES.createGeometry(lonLat);
		copy.apply((org.locationtech.jts.geom.CoordinateFilter) (c) -> {
			Coordinate m = toMetres(c);
			c.x = m.x;
			c.y = m.y;
		});
		copy.geometryChanged();
		return copy;
	}

	private static Coordinate toMetres(Coordinate lonLat) {
		return new Coordinate((lonLat.x - Plane.CENTRE_LON) * Plane.METRES_PER_DEGREE_LON,
				(lonLat.y - Plane.CENTRE_LAT) * Plane.METRES_PER_DEGREE_LAT);
	}

	/** A metric point in WGS 84, rounded like every demo coordinate. */
	private static Coordinate lonLat(Coordinate metres) {
		Coordinate c = new Coordinate(Plane.CENTRE_LON + Plane.degreesLon(metres.x),
				Plane.CENTRE_LAT + Plane.degreesLat(metres.y));
		Plane.PRECISION.makePrecise(c);
		return c;
	}

}
