package org.gridmap.demodistrict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDistrictGeneratorTests {

	private static DemoDistrict district;

	@BeforeAll
	static void generate() {
		district = DemoDistrictGenerator.generate(DemoDistrictGenerator.DEFAULT_SEED);
	}

	@Test
	void districtHasTheArticlesHierarchy() {
		assertThat(district.district().code()).isEqualTo("230304");
		assertThat(district.district().name()).isEqualTo("滴道区");
		assertThat(district.areas().get(0)).isEqualTo(district.district());
		assertThat(streets()).extracting(Area::kind)
			.containsExactly("street", "street", "street", "street", "township", "township");
		assertThat(communities()).hasSize(27);
		assertThat(district.grids()).hasSize(146);
		Set<String> seen = new HashSet<>();
		for (Area area : district.areas()) {
			assertThat(seen.add(area.code())).as("unique code %s", area.code()).isTrue();
			assertThat(area.parentCode() == null || seen.contains(area.parentCode()))
				.as("parent of %s listed before it", area.code())
				.isTrue();
		}
	}

	@Test
	void codesAreWellFormedAndUnique() {
		for (Area street : streets()) {
			assertThat(street.code()).matches("230304\\d{3}");
			assertThat(street.parentCode()).isEqualTo("230304");
		}
		for (Area community : communities()) {
			assertThat(community.code()).matches("\\d{12}").startsWith(community.parentCode());
		}
		Set<String> communityCodes = communities().stream().map(Area::code).collect(Collectors.toSet());
		for (Grid grid : district.grids()) {
			assertThat(grid.code()).matches("\\d{15}").startsWith(grid.communityCode());
			assertThat(communityCodes).contains(grid.communityCode());
		}
		assertThat(district.grids().stream().map(Grid::code).distinct()).hasSize(146);
		assertThat(district.departments()).allSatisfy((d) -> assertThat(d.code()).matches("[a-z0-9_-]{1,40}"));
		assertThat(district.matters()).allSatisfy((m) -> assertThat(m.code()).matches("[a-z0-9_-]{1,40}"));
		assertThat(district.stations()).allSatisfy((s) -> assertThat(s.code()).matches("[A-Za-z0-9_-]{1,40}"));
		assertThat(district.matters().stream().map(Matter::code).distinct()).hasSize(43);
		assertThat(district.stations().stream().map(Station::code).distinct()).hasSize(40);
	}

	@Test
	void staffFollowTheOnePlusOnePlusOnePlusNFormula() {
		Map<String, Long> byRole = district.staff()
			.stream()
			.collect(Collectors.groupingBy(Staff::role, Collectors.counting()));
		assertThat(byRole).containsEntry("full_time", 166L)
			.containsEntry("part_time", 292L)
			.containsEntry("party_leader", 146L)
			.containsEntry("grid_head", 146L);
		Map<String, List<Staff>> byGrid = district.staff().stream().collect(Collectors.groupingBy(Staff::gridCode));
		assertThat(byGrid).hasSize(146);
		byGrid.forEach((grid, board) -> {
			assertThat(board).filteredOn((s) -> s.role().equals("grid_head")).hasSize(1);
			assertThat(board).filteredOn((s) -> s.role().equals("part_time")).hasSize(2);
			assertThat(board).filteredOn((s) -> s.role().equals("full_time")).isNotEmpty();
			assertThat(board).allSatisfy((s) -> assertThat(s.phone()).matches("[0-9+() -]{3,30}"));
		});
		long gridHeads = district.staff()
			.stream()
			.filter((s) -> s.role().equals("grid_head"))
			.map((s) -> s.gridCode().substring(0, 12) + s.name())
			.distinct()
			.count();
		assertThat(gridHeads).as("one grid head per community").isEqualTo(27);
	}

	@Test
	void catalogueHasTwelveDepartmentsAndFortyThreeMattersWithTheArticlesCounts() {
		assertThat(district.departments()).hasSize(12);
		Map<String, Long> perDepartment = district.matters()
			.stream()
			.collect(Collectors.groupingBy(Matter::departmentCode, LinkedHashMap::new, Collectors.counting()));
		assertThat(perDepartment).containsExactly(Map.entry("political-legal", 8L), Map.entry("united-front", 3L),
				Map.entry("petitions", 2L), Map.entry("police", 4L), Map.entry("civil-affairs", 10L),
				Map.entry("justice", 4L), Map.entry("health", 3L), Map.entry("emergency", 1L), Map.entry("fire", 1L),
				Map.entry("womens-federation", 1L), Map.entry("human-resources", 6L));
		Map<String, Integer> hoursByTier = Map.of("small", 2, "medium", 48, "complex", 168);
		assertThat(district.matters())
			.allSatisfy((m) -> assertThat(m.timeLimitHours()).isEqualTo(hoursByTier.get(m.tier())));
	}

	@Test
	void householdsAreSizedAsTheArticlesSay() {
		assertThat(district.addresses()).hasSizeBetween(54_000, 56_000);
		for (Grid grid : district.grids()) {
			switch (grid.type()) {
				case "urban" -> assertThat(grid.households()).isBetween(300, 500);
				case "rural" -> assertThat(grid.households()).isBetween(150, 600);
				default -> assertThat(grid.type()).isEqualTo("special");
			}
			assertThat(grid.population()).isBetween((int) (grid.households() * 2.3) - 1,
					(int) (grid.households() * 2.8) + 1);
		}
		assertThat(district.grids()).filteredOn((g) -> g.type().equals("special")).isNotEmpty();
		assertThat(district.grids()).filteredOn((g) -> g.type().equals("rural")).isNotEmpty();
	}

	@Test
	void everyGeometryIsValidPreciseAndCounterClockwise() {
		List<Geometry> all = new ArrayList<>();
		district.areas().forEach((a) -> all.add(a.geometry()));
		district.grids().forEach((g) -> all.add(g.geometry()));
		for (Geometry geometry : all) {
			assertThat(geometry.isValid()).isTrue();
			assertThat(geometry.isEmpty()).isFalse();
			assertThat(geometry.getSRID()).isEqualTo(4326);
			for (int i = 0; i < geometry.getNumGeometries(); i++) {
				Polygon polygon = (Polygon) geometry.getGeometryN(i);
				assertThat(Orientation.isCCW(polygon.getExteriorRing().getCoordinates())).isTrue();
			}
			for (Coordinate c : geometry.getCoordinates()) {
				assertThat(Math.rint(c.x * 1e7) / 1e7).isEqualTo(c.x);
				assertThat(Math.rint(c.y * 1e7) / 1e7).isEqualTo(c.y);
			}
		}
	}

	@Test
	void districtLiesAroundDidao() {
		var envelope = district.district().geometry().getEnvelopeInternal();
		assertThat(envelope.centre().x).isBetween(130.7, 130.9);
		assertThat(envelope.centre().y).isBetween(45.3, 45.4);
		// about 20 km by 15 km: 0.25 degrees of longitude and 0.13 of latitude
		assertThat(envelope.getWidth()).isBetween(0.2, 0.33);
		assertThat(envelope.getHeight()).isBetween(0.1, 0.18);
	}

	@Test
	void streetsAndTownshipsCoverTheDistrictWithoutGapsOrOverlaps() {
		assertExactCoverage(district.district().geometry(), streets());
	}

	@Test
	void communitiesCoverEachStreetWithoutGapsOrOverlaps() {
		for (Area street : streets()) {
			assertExactCoverage(street.geometry(),
					communities().stream().filter((c) -> c.parentCode().equals(street.code())).toList());
		}
	}

	@Test
	void gridsCoverEachCommunityWithoutGapsOrOverlaps() {
		for (Area community : communities()) {
			List<MultiPolygon> grids = district.grids()
				.stream()
				.filter((g) -> g.communityCode().equals(community.code()))
				.map(Grid::geometry)
				.toList();
			assertThat(grids).isNotEmpty();
			assertCoverage(community.code(), community.geometry(), grids);
		}
	}

	@Test
	void allGridsTogetherAreOneCoverageOfTheDistrict() {
		assertCoverage("all grids", district.district().geometry(),
				district.grids().stream().map(Grid::geometry).toList());
	}

	@Test
	void gridsAreNumberedWestToEastAndNorthToSouthFromOne() {
		Map<String, List<Grid>> byCommunity = district.grids()
			.stream()
			.collect(Collectors.groupingBy(Grid::communityCode));
		byCommunity.forEach((community, grids) -> {
			for (int i = 0; i < grids.size(); i++) {
				assertThat(grids.get(i).code()).isEqualTo(community + String.format("%03d", i + 1));
			}
			Grid first = grids.get(0);
			Grid last = grids.get(grids.size() - 1);
			assertThat(first.geometry().getCentroid().getY()).isGreaterThan(last.geometry().getCentroid().getY());
		});
	}

	@Test
	void eachAddressLiesInsideItsGridAndHouseholdsMatch() {
		Map<String, Grid> grids = district.grids().stream().collect(Collectors.toMap(Grid::code, Function.identity()));
		Map<String, IndexedPointInAreaLocator> locators = new HashMap<>();
		Map<String, Integer> households = new HashMap<>();
		for (Address address : district.addresses()) {
			Grid grid = grids.get(address.gridCode());
			assertThat(grid).as(address.address()).isNotNull();
			IndexedPointInAreaLocator locator = locators.computeIfAbsent(grid.code(),
					(code) -> new IndexedPointInAreaLocator(grid.geometry()));
			assertThat(locator.locate(address.location().getCoordinate())).as(address.address())
				.isEqualTo(Location.INTERIOR);
			assertThat(address.location().getSRID()).isEqualTo(4326);
			assertThat(address.households()).isEqualTo(1);
			households.merge(grid.code(), address.households(), Integer::sum);
		}
		for (Grid grid : district.grids()) {
			assertThat(households.get(grid.code())).as(grid.code()).isEqualTo(grid.households());
		}
		assertThat(district.addresses().stream().map(Address::address).distinct()).hasSameSizeAs(district.addresses());
	}

	@Test
	void addressesReadLikeChineseAddresses() {
		List<Address> addresses = district.addresses();
		assertThat(addresses.stream().allMatch((a) -> a.address().startsWith("滴道区"))).isTrue();
		Address flat = addresses.stream().filter((a) -> a.building() != null).findFirst().orElseThrow();
		assertThat(flat.address()).matches("滴道区\\S+街道\\S+\\d+号楼\\d单元\\d{3,4}室")
			.contains(flat.compound(), flat.building());
		Address house = addresses.stream().filter((a) -> a.building() == null).findFirst().orElseThrow();
		assertThat(house.address()).matches("滴道区\\S+乡\\S+村\\S+组\\d+号").contains(house.compound());
	}

	@Test
	void fortyStationsLieInTheDistrictMostlyInTown() {
		assertThat(district.stations()).hasSize(40);
		assertThat(district.stations()).extracting(Station::type).containsOnly("党群驿站", "民悦驿站", "网格服务站", "暖新驿站");
		Geometry town = Coverages
			.union(streets().stream().filter((s) -> s.kind().equals("street")).map(Area::geometry).toList());
		long inTown = district.stations().stream().filter((s) -> town.contains(s.location())).count();
		assertThat(inTown).isGreaterThan(30);
		assertThat(district.stations()).allSatisfy((s) -> {
			assertThat(district.district().geometry().contains(s.location())).isTrue();
			assertThat(s.services()).isNotEmpty();
		});
	}

	@Test
	void sameSeedGivesTheSameDistrict() {
		DemoDistrict again = DemoDistrictGenerator.generate(DemoDistrictGenerator.DEFAULT_SEED);
		assertThat(fingerprint(again)).isEqualTo(fingerprint(district));
		assertThat(again).isEqualTo(district);
	}

	@Test
	void anotherSeedGivesAnotherDistrictWithTheSameStructure() {
		DemoDistrict other = DemoDistrictGenerator.generate(7L);
		assertThat(fingerprint(other)).isNotEqualTo(fingerprint(district));
		assertThat(other.grids()).hasSize(146);
		for (Area street : other.areas().subList(1, 7)) {
			Geometry[] communities = other.areas()
				.stream()
				.filter((c) -> street.code().equals(c.parentCode()))
				.map(Area::geometry)
				.toArray(Geometry[]::new);
			assertThat(CoverageValidator.hasInvalidResult(CoverageValidator.validate(communities, 0))).isFalse();
		}
	}

	@Test
	void generationTakesWellUnderFiveSeconds() {
		long start = System.nanoTime();
		DemoDistrictGenerator.generate(DemoDistrictGenerator.DEFAULT_SEED);
		assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
	}

	private static List<Area> streets() {
		return district.areas().stream().filter((a) -> a.level().equals("street")).toList();
	}

	private static List<Area> communities() {
		return district.areas().stream().filter((a) -> a.level().equals("community")).toList();
	}

	private static void assertExactCoverage(MultiPolygon parent, List<Area> children) {
		assertThat(children).isNotEmpty();
		assertCoverage(children.get(0).parentCode(), parent, children.stream().map(Area::geometry).toList());
	}

	/** No invalid edges, no gaps, and the children's union is the parent. */
	private static void assertCoverage(String what, MultiPolygon parent, List<MultiPolygon> children) {
		Geometry[] coverage = children.toArray(Geometry[]::new);
		Geometry[] invalid = CoverageValidator.validate(coverage, 0);
		assertThat(CoverageValidator.hasInvalidResult(invalid)).as("invalid edges in %s", what).isFalse();
		// 1e-6 degrees is about 10 cm: no sliver gap of that width or less between
		// children.
		assertThat(CoverageGapFinder.findGaps(coverage, 1e-6).isEmpty()).as("gaps in %s", what).isTrue();
		Geometry union = parent.getFactory().createGeometryCollection(coverage).union();
		assertThat(union.symDifference(parent).getArea()).as("union of %s", what).isLessThan(1e-12);
	}

	private static String fingerprint(DemoDistrict d) {
		StringBuilder text = new StringBuilder();
		d.areas().forEach((a) -> text.append(a.code()).append(a.geometry().toText()));
		d.grids().forEach((g) -> text.append(g).append(g.geometry().toText()));
		d.addresses().forEach((a) -> text.append(a.address()).append(a.location().toText()));
		d.staff().forEach(text::append);
		d.stations().forEach(text::append);
		return text.toString();
	}

}
