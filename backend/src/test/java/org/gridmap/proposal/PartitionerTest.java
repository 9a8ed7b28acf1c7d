package org.gridmap.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.gridmap.proposal.Partitioner.Region;
import org.gridmap.proposal.Partitioner.Result;
import org.gridmap.proposal.Partitioner.Site;
import org.gridmap.proposal.Partitioner.Targets;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partition on constructed communities whose address points are known: exact cover,
 * no overlaps, matching edges, one polygon per grid, households in range and compact
 * shapes. Coordinates are near the demo district (130.8° E, 45.35° N), where 0.001° is
 * about 78 m east-west and 111 m north-south.
 */
class PartitionerTest {

	private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

	private final Partitioner partitioner = new Partitioner(FACTORY);

	private static final Targets TARGETS = new Targets(400, 300, 500);

	@Test
	void concaveCommunityIsCoveredExactlyByContiguousBalancedGrids() throws Exception {
		// an L: 0.02° × 0.012° with the north-east quarter cut away, 2,000 random points
		// of 1–3 households (about 4,000 in all: 10 grids)
		Geometry community = new WKTReader(FACTORY).read("POLYGON ((130.79 45.34, 130.81 45.34, 130.81 45.346, "
				+ "130.8 45.346, 130.8 45.352, 130.79 45.352, 130.79 45.34))");
		List<Site> sites = randomSites(community, 2_000, 3, 42);
		int total = sites.stream().mapToInt(Site::households).sum();

		Result result = this.partitioner.partition(community, sites, TARGETS);

		List<Region> regions = result.regions();
		dump("/tmp/planpage-concave.wkt", regions);
		assertThat(regions).hasSize(TARGETS.regions(total));
		assertExactCover(community, regions);
		assertThat(regions.stream().mapToInt(Region::households).sum()).isEqualTo(total);
		for (Region region : regions) {
			assertThat(region.households()).as("households of %s", region.geometry()).isBetween(300, 500);
			assertThat(region.households()).isEqualTo(householdsInside(region.geometry(), sites));
			assertThat(region.polsbyPopper()).isGreaterThan(0.3);
		}
		double meanCompactness = regions.stream().mapToDouble(Region::polsbyPopper).average().orElseThrow();
		assertThat(meanCompactness).isGreaterThan(0.5);
	}

	@Test
	void communityWithHoleAndIslandGetsOnePolygonPerGrid() throws Exception {
		// a square with a lake in the middle and a separate island to the east with its
		// own
		// households
		Geometry community = new WKTReader(FACTORY).read("MULTIPOLYGON (((130.79 45.34, 130.80 45.34, 130.80 45.35, "
				+ "130.79 45.35, 130.79 45.34), (130.794 45.344, 130.796 45.344, 130.796 45.346, 130.794 45.346, "
				+ "130.794 45.344)), ((130.802 45.34, 130.806 45.34, 130.806 45.344, 130.802 45.344, 130.802 45.34)))");
		List<Site> sites = new ArrayList<>(randomSites(community.getGeometryN(0), 1_600, 1, 7));
		sites.addAll(randomSites(community.getGeometryN(1), 350, 1, 8));

		Result result = this.partitioner.partition(community, sites, TARGETS);

		assertExactCover(community, result.regions());
		assertThat(result.regions()).hasSize(5);
		assertThat(result.regions()).allSatisfy((r) -> assertThat(r.households()).isBetween(300, 500));
		// the island is a grid of its own
		assertThat(result.regions()).anySatisfy((r) -> assertThat(r.geometry().equalsTopo(community.getGeometryN(1))));
	}

	@Test
	void unevenlySettledVillageIsBalancedWhereThePointsAllowIt() throws Exception {
		// a large village: three hamlets in fields, one compound of 150 households at one
		// point
		Geometry community = new WKTReader(FACTORY)
			.read("POLYGON ((130.70 45.30, 130.76 45.30, 130.76 45.34, 130.70 45.34, 130.70 45.30))");
		List<Site> sites = new ArrayList<>();
		sites.addAll(randomSites(
				new WKTReader(FACTORY)
					.read("POLYGON ((130.705 45.305, 130.715 45.305, 130.715 45.312, 130.705 45.312, 130.705 45.305))"),
				400, 1, 1));
		sites.addAll(randomSites(
				new WKTReader(FACTORY)
					.read("POLYGON ((130.74 45.33, 130.75 45.33, 130.75 45.336, 130.74 45.336, 130.74 45.33))"),
				350, 1, 2));
		sites.addAll(randomSites(
				new WKTReader(FACTORY)
					.read("POLYGON ((130.73 45.31, 130.735 45.31, 130.735 45.314, 130.73 45.314, 130.73 45.31))"),
				200, 1, 3));
		sites.add(new Site(new Coordinate(130.72, 45.325), 150, 1));

		Result result = this.partitioner.partition(community, sites, TARGETS);
		dump("/tmp/planpage-village.wkt", result.regions());

		assertExactCover(community, result.regions());
		assertThat(result.sites()).isLessThan(1_000);
		assertThat(result.regions()).hasSize(3);
		assertThat(result.regions()).allSatisfy((r) -> assertThat(r.households()).isBetween(300, 500));
	}

	@Test
	void oneHeavyPointCannotBeSplit() throws Exception {
		Geometry community = new WKTReader(FACTORY)
			.read("POLYGON ((130.79 45.34, 130.80 45.34, 130.80 45.35, 130.79 45.35, 130.79 45.34))");
		List<Site> sites = new ArrayList<>(randomSites(community, 300, 1, 3));
		sites.add(new Site(new Coordinate(130.795, 45.345), 700, 1));

		Result result = this.partitioner.partition(community, sites, TARGETS);

		assertExactCover(community, result.regions());
		assertThat(result.regions()).anySatisfy((r) -> assertThat(r.households()).isGreaterThanOrEqualTo(700));
	}

	@Test
	void communityWithoutAddressesIsOneGrid() throws Exception {
		Geometry community = new WKTReader(FACTORY)
			.read("POLYGON ((130.79 45.34, 130.80 45.34, 130.80 45.35, 130.79 45.35, 130.79 45.34))");

		Result result = this.partitioner.partition(community, List.of(), TARGETS);

		assertThat(result.regions()).hasSize(1);
		assertThat(result.regions().get(0).geometry().equalsTopo(community)).isTrue();
		assertThat(result.regions().get(0).households()).isZero();
	}

	@Test
	void regionCountFollowsTheTargetWithinTheRange() {
		assertThat(TARGETS.regions(0)).isEqualTo(1);
		assertThat(TARGETS.regions(2795)).isEqualTo(7);
		// 1,397 / 400 rounds to 3 (466 each), inside 300–500
		assertThat(TARGETS.regions(1397)).isEqualTo(3);
		// 1,000 / 400 rounds to 3, but 333 each is fine; 2 would be 500 each
		assertThat(TARGETS.regions(1000)).isEqualTo(3);
		// 560 fits no count in range (1 × 560 or 2 × 280): the rounded count stands
		assertThat(new Targets(400, 300, 500).regions(560)).isEqualTo(1);
		assertThat(new Targets(400, 250, 500).regions(560)).isEqualTo(2);
		assertThat(new Targets(400, 0, 100_000).regions(560)).isEqualTo(1);
	}

	/**
	 * Union equals the community, no two grids overlap, edges match, each grid is one
	 * polygon.
	 */
	static void assertExactCover(Geometry community, List<Region> regions) {
		Geometry[] grids = regions.stream().map(Region::geometry).toArray(Geometry[]::new);
		Geometry union = FACTORY.createGeometryCollection(grids).union();
		assertThat(union.getArea()).isCloseTo(community.getArea(), org.assertj.core.data.Offset.offset(1e-14));
		assertThat(union.symDifference(community).getArea()).isLessThan(1e-14);
		for (int i = 0; i < grids.length; i++) {
			assertThat(grids[i]).as("grid %d is one polygon", i).isInstanceOf(Polygon.class);
			assertThat(grids[i].isValid()).isTrue();
			for (int j = i + 1; j < grids.length; j++) {
				assertThat(grids[i].intersection(grids[j]).getArea()).as("overlap of %d and %d", i, j).isZero();
			}
		}
		Geometry[] invalid = CoverageValidator.validate(grids, 0);
		for (int i = 0; i < invalid.length; i++) {
			assertThat(invalid[i]).as("edges of grid %d that do not match a neighbour", i).isNull();
		}
		assertThat(CoverageGapFinder.findGaps(grids, 1e-9).isEmpty()).isTrue();
	}

	static void dump(String file, List<Region> regions) throws java.io.IOException {
		StringBuilder out = new StringBuilder();
		for (Region r : regions) {
			out.append(r.households())
				.append('\t')
				.append(r.polsbyPopper())
				.append('\t')
				.append(r.geometry())
				.append('\n');
		}
		java.nio.file.Files.writeString(java.nio.file.Path.of(file), out);
	}

	private static int householdsInside(Geometry grid, List<Site> sites) {
		return sites.stream()
			.filter((s) -> grid.contains(FACTORY.createPoint(s.at())))
			.mapToInt(Site::households)
			.sum();
	}

	/** Points uniformly at random inside the area (7 decimals, like the demo data). */
	static List<Site> randomSites(Geometry area, int count, int maxHouseholds, long seed) {
		Random random = new Random(seed);
		var env = area.getEnvelopeInternal();
		List<Site> sites = new ArrayList<>();
		while (sites.size() < count) {
			double x = Math.round((env.getMinX() + random.nextDouble() * env.getWidth()) * 1e7) / 1e7;
			double y = Math.round((env.getMinY() + random.nextDouble() * env.getHeight()) * 1e7) / 1e7;
			Coordinate at = new Coordinate(x, y);
			if (area.contains(FACTORY.createPoint(at))) {
				sites.add(new Site(at, 1 + random.nextInt(maxHouseholds), 1));
			}
		}
		return sites;
	}

}
