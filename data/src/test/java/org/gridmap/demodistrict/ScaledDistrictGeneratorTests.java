package org.gridmap.demodistrict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The scaled dataset: the full layout of 2,000 grids is one exact coverage, and a reduced
 * scale (5 %, generated in full) has the demo's structure, its proportions and the same
 * checksum from the same seed. Generating a million addresses and incidents is left to
 * the database smoke test and {@code bench/scaled-data.sh}: here it would cost more time
 * than it proves.
 */
class ScaledDistrictGeneratorTests {

	private static final long SEED = ScaledDistrictGenerator.DEFAULT_SEED;

	private static final double SMALL = 0.02;

	private static DemoDistrict small;

	@BeforeAll
	static void generate() {
		small = ScaledDistrictGenerator.generate(SEED, SMALL);
	}

	@Test
	void fullLayoutHasTwoThousandGridsFormingOneExactCoverage() {
		List<MultiPolygon> grids = ScaledDistrictGenerator.gridShapes(SEED, 1);
		assertThat(grids).hasSize(ScaledDistrictGenerator.GRIDS);
		assertThat(grids).allSatisfy((g) -> assertThat(g.isValid()).isTrue());
		// No gap: the union is one polygon without holes. No overlap and matching edges,
		// checked on the first 300 grids (the first streets, side by side): their union's
		// area is the sum of theirs.
		Geometry union = Coverages.union(grids);
		assertThat(union.getNumGeometries()).isEqualTo(1);
		assertThat(((Polygon) union.getGeometryN(0)).getNumInteriorRing()).isZero();
		List<MultiPolygon> sample = grids.subList(0, 300);
		Geometry[] coverage = sample.toArray(Geometry[]::new);
		assertThat(CoverageValidator.hasInvalidResult(CoverageValidator.validate(coverage, 0))).isFalse();
		double sum = sample.stream().mapToDouble(Geometry::getArea).sum();
		double unionArea = union.getFactory().createGeometryCollection(coverage).union().getArea();
		assertThat(Math.abs(unionArea - sum) / sum).isLessThan(1e-9);
		// A district of about 1,400 km² around Didao.
		double km2 = union.getArea() * Plane.METRES_PER_DEGREE_LON * Plane.METRES_PER_DEGREE_LAT / 1e6;
		assertThat(km2).isBetween(1_000.0, 1_800.0);
		assertThat(union.getCentroid().getX()).isCloseTo(Plane.CENTRE_LON, offset(0.1));
	}

	@Test
	void reducedScaleHasTheProportionsOfTheFullOne() {
		assertThat(small.grids()).hasSize(40);
		assertThat(small.addresses()).hasSize(20_000);
		assertThat(small.grids().stream().mapToInt(Grid::households).sum()).isEqualTo(16_000);
		assertThat(small.stations()).hasSize(8);
		assertThat(small.departments()).hasSize(12);
		assertThat(small.matters()).hasSize(43);
		assertThat(small.grids()).allSatisfy((g) -> {
			if (g.type().equals("urban")) {
				assertThat(g.households()).isBetween(300, 500);
			}
		});
		assertThat(ScaledDistrictGenerator.grids(1)).isEqualTo(2_000);
		IncidentGenerator.Plan plan = ScaledDistrictGenerator.incidentPlan(small);
		assertThat(plan.incidents()).isEqualTo(20_000);
		assertThat(plan.span().toDays()).isEqualTo(730);
		assertThat(plan.hotspots()).hasSizeGreaterThanOrEqualTo(4);
	}

	@Test
	void everyLevelTilesItsParent() {
		Map<String, List<MultiPolygon>> children = new HashMap<>();
		small.grids()
			.forEach((g) -> children.computeIfAbsent(g.communityCode(), (k) -> new ArrayList<>()).add(g.geometry()));
		small.areas()
			.stream()
			.filter((a) -> a.parentCode() != null)
			.forEach((a) -> children.computeIfAbsent(a.parentCode(), (k) -> new ArrayList<>()).add(a.geometry()));
		Set<String> codes = new HashSet<>();
		for (Area area : small.areas()) {
			assertThat(codes.add(area.code())).isTrue();
			List<MultiPolygon> parts = children.get(area.code());
			assertThat(parts).as(area.code()).isNotEmpty();
			Geometry[] coverage = parts.toArray(Geometry[]::new);
			assertThat(CoverageValidator.hasInvalidResult(CoverageValidator.validate(coverage, 0))).isFalse();
			Geometry union = Coverages.union(parts);
			assertThat(union.symDifference(area.geometry()).getArea()).as(area.code()).isLessThan(1e-12);
		}
		assertThat(small.areas().stream().filter((a) -> a.kind().equals("township"))).isNotEmpty();
		assertThat(small.areas().stream().filter((a) -> a.kind().equals("village"))).isNotEmpty();
	}

	@Test
	void addressesLieInTheirGridsAndAreUnique() {
		Map<String, Grid> grids = small.grids().stream().collect(Collectors.toMap(Grid::code, Function.identity()));
		Map<String, IndexedPointInAreaLocator> locators = new HashMap<>();
		Map<String, Integer> households = new HashMap<>();
		for (Address address : small.addresses()) {
			Grid grid = grids.get(address.gridCode());
			IndexedPointInAreaLocator locator = locators.computeIfAbsent(grid.code(),
					(code) -> new IndexedPointInAreaLocator(grid.geometry()));
			assertThat(locator.locate(address.location().getCoordinate())).as(address.address())
				.isEqualTo(Location.INTERIOR);
			households.merge(grid.code(), address.households(), Integer::sum);
		}
		small.grids().forEach((g) -> assertThat(households.get(g.code())).isEqualTo(g.households()));
		assertThat(small.addresses().stream().map(Address::address).distinct()).hasSize(small.addresses().size());
		assertThat(small.addresses().stream().filter((a) -> a.households() == 0).findFirst().orElseThrow().address())
			.matches("滴道区\\S+(底商|商铺)\\d+号");
	}

	@Test
	void sameSeedGivesTheSameChecksumAnotherSeedAnother() {
		assertThat(checksum(ScaledDistrictGenerator.generate(SEED, SMALL))).isEqualTo(checksum(small));
		assertThat(checksum(ScaledDistrictGenerator.generate(SEED + 1, SMALL))).isNotEqualTo(checksum(small));
	}

	@Test
	void incidentsSpreadOverTwoYearsWithHotspots() {
		DemoDistrict tiny = ScaledDistrictGenerator.generate(SEED, 0.01);
		List<DemoIncident> incidents = ScaledDistrictGenerator.incidents(tiny, SEED);
		assertThat(incidents).hasSize(10_000);
		Instant end = IncidentGenerator.DEFAULT_END;
		Instant yearAgo = end.minus(ScaledDistrictGenerator.SPAN.dividedBy(2));
		long lastYear = incidents.stream().filter((i) -> i.reportedAt().isAfter(yearAgo)).count();
		assertThat(lastYear).isBetween(4_000L, 6_000L);
		assertThat(incidents.get(0).reportedAt()).isAfter(end.minus(ScaledDistrictGenerator.SPAN));
		assertThat(incidents.stream().map(DemoIncident::status).distinct().count()).isGreaterThan(3);
		assertThat(incidents.stream().map(DemoIncident::trackingCode).distinct()).hasSize(incidents.size());
		List<IncidentGenerator.Hotspot> hotspots = IncidentGenerator.hotspots(tiny,
				ScaledDistrictGenerator.incidentPlan(tiny));
		assertThat(hotspots).hasSize(4);
		assertThat(incidents.stream().map(DemoIncident::gridCode).filter((g) -> g == null)).isNotEmpty();
	}

	private static String checksum(DemoDistrict d) {
		StringBuilder text = new StringBuilder();
		d.areas().forEach((a) -> text.append(a.code()).append(a.geometry().toText()));
		d.grids().forEach((g) -> text.append(g).append(g.geometry().toText()));
		d.addresses().forEach((a) -> text.append(a.address()).append(a.location().getCoordinate()));
		d.staff().forEach(text::append);
		d.stations().forEach(text::append);
		return checksum(text.toString());
	}

	private static String checksum(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
