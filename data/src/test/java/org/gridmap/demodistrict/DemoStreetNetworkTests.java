package org.gridmap.demodistrict;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.index.strtree.STRtree;

import static org.assertj.core.api.Assertions.assertThat;

class DemoStreetNetworkTests {

	private static DemoDistrict district;

	private static List<Road> roads;

	@BeforeAll
	static void generate() {
		district = DemoDistrictGenerator.generate(DemoDistrictGenerator.DEFAULT_SEED);
		roads = DemoStreetNetwork.generate(district, DemoDistrictGenerator.DEFAULT_SEED);
	}

	@Test
	void sameSeedGivesTheSameNetwork() {
		assertThat(DemoStreetNetwork.generate(district, DemoDistrictGenerator.DEFAULT_SEED)).isEqualTo(roads);
		assertThat(roads).hasSizeBetween(2_000, 20_000);
		assertThat(roads).extracting(Road::kind).contains("arterial", "local");
	}

	@Test
	void everyDwellingAndStationIsNearAStreet() {
		STRtree index = new STRtree();
		for (Road road : roads) {
			index.insert(road.geometry().getEnvelopeInternal(), road.geometry());
		}
		double worst = 0;
		for (Address address : district.addresses()) {
			worst = Math.max(worst, metresToNearest(index, address.location().getCoordinate()));
		}
		for (Station station : district.stations()) {
			worst = Math.max(worst, metresToNearest(index, station.location().getCoordinate()));
		}
		assertThat(worst).isLessThan(130);
	}

	@Test
	void streetsFormOneConnectedNetworkReachingEveryStation() {
		Map<Coordinate, Coordinate> parent = new HashMap<>();
		for (Road road : roads) {
			LineString line = road.geometry();
			union(parent, line.getCoordinateN(0), line.getCoordinateN(line.getNumPoints() - 1));
		}
		Map<Coordinate, Integer> sizes = new HashMap<>();
		for (Coordinate c : parent.keySet()) {
			sizes.merge(find(parent, c), 1, Integer::sum);
		}
		Coordinate largest = sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		// nearly every crossing is in the main network: small bits cut off by the
		// district's border are allowed
		assertThat(sizes.get(largest)).isGreaterThan(parent.size() * 95 / 100);
	}

	private static double metresToNearest(STRtree index, Coordinate at) {
		double dx = Plane.degreesLon(400);
		double dy = Plane.degreesLat(400);
		double best = Double.MAX_VALUE;
		for (Object found : index.query(new Envelope(at.x - dx, at.x + dx, at.y - dy, at.y + dy))) {
			LineString line = (LineString) found;
			Coordinate a = line.getCoordinateN(0);
			Coordinate b = line.getCoordinateN(1);
			best = Math.min(best, segmentMetres(at, a, b));
		}
		return best;
	}

	/**
	 * Distance in the local metric plane, good to centimetres over a few hundred metres.
	 */
	private static double segmentMetres(Coordinate p, Coordinate a, Coordinate b) {
		double kx = Plane.METRES_PER_DEGREE_LON;
		double ky = Plane.METRES_PER_DEGREE_LAT;
		Coordinate pm = new Coordinate(p.x * kx, p.y * ky);
		Coordinate am = new Coordinate(a.x * kx, a.y * ky);
		Coordinate bm = new Coordinate(b.x * kx, b.y * ky);
		return org.locationtech.jts.algorithm.Distance.pointToSegment(pm, am, bm);
	}

	private static Coordinate find(Map<Coordinate, Coordinate> parent, Coordinate c) {
		Coordinate p = parent.computeIfAbsent(c, (k) -> k);
		while (!p.equals2D(parent.get(p))) {
			p = parent.get(p);
		}
		return p;
	}

	private static void union(Map<Coordinate, Coordinate> parent, Coordinate a, Coordinate b) {
		Coordinate ra = find(parent, a);
		Coordinate rb = find(parent, b);
		if (!ra.equals2D(rb)) {
			parent.put(ra, rb);
		}
	}

}
