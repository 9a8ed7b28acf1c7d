package org.gridmap.demodistrict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * Generates the demo district from a seed: the same seed gives the same district, value
 * for value. The layout follows the source article on Didao 滴道区 (division code 230304):
 * four small urban streets cut from a town core around 130.80°E 45.35°N and two large
 * rural townships around them, 27 communities and villages, 146 grids, staff by the
 * "1+1+1+N" formula (166 full-time, 292 part-time, 146 party group leaders) and about
 * 55,000 dwellings. Shapes are drawn in a metric plane ({@link Cutter}), made an exact
 * coverage in degrees ({@link Coverages}), and the coarser levels are unions of the
 * grids.
 */
public final class DemoDistrictGenerator {

	public static final long DEFAULT_SEED = 20261123L;

	static final String DISTRICT_CODE = "230304";

	static final String DISTRICT_NAME = "滴道区";

	/** The district's total, reached by nudging the per-grid draws. */
	static final int TOTAL_HOUSEHOLDS = 55_000;

	/** The grids with most households get a second full-time worker: 146 + 20 = 166. */
	static final int SECOND_FULL_TIME_WORKERS = 20;

	private record CommunityPlan(String name, int grids, int specialGrids) {
	}

	private record StreetPlan(String name, String kind, double seedX, double seedY, List<CommunityPlan> communities) {
	}

	// Streets first (seeds in the core's quadrants), then the townships west and east.
	private static final List<StreetPlan> PLAN = List.of(
			new StreetPlan("东兴街道", "street", 1300, 850,
					List.of(community("建设社区", 7), community("东兴社区", 7), community("新华社区", 7), community("永安社区", 7),
							community("和平社区", 6))),
			new StreetPlan("矿里街道", "street", -1300, 850,
					List.of(community("矿里社区", 7), community("立新社区", 7), community("光明社区", 6), community("胜利社区", 6))),
			new StreetPlan("洗煤街道", "street", -1300, -850,
					List.of(community("洗煤社区", 7), new CommunityPlan("工业园社区", 6, 2), community("振兴社区", 6),
							community("富强社区", 6))),
			new StreetPlan("大通沟街道", "street", 1300, -850,
					List.of(community("大通沟社区", 7), community("向阳社区", 6), community("红光社区", 6), community("兴华社区", 6))),
			new StreetPlan("滴道河乡", "township", -6000, 700,
					List.of(community("滴道河村", 4), community("红旗村", 4), community("民主村", 3), community("太平村", 4),
							community("新发村", 3))),
			new StreetPlan("兰岭乡", "township", 6000, -700, List.of(community("兰岭村", 4), community("长胜村", 3),
					community("保安村", 4), community("友谊村", 3), community("东进村", 4))));

	private DemoDistrictGenerator() {
	}

	private static CommunityPlan community(String name, int grids) {
		return new CommunityPlan(name, grids, 0);
	}

	public static DemoDistrict generate(long seed) {
		List<Geometry> gridPieces = new ArrayList<>();
		Random shapes = new Random(seed);
		Geometry outline = blob(10_000, 7_500, 64, 0.2, shapes);
		Geometry core = blob(2_600, 1_700, 40, 0.12, shapes);
		List<Geometry> streets = new ArrayList<>(Cutter.cut(core, seedsOf(PLAN.subList(0, 4), shapes)));
		streets.addAll(Cutter.cut(outline.difference(core), seedsOf(PLAN.subList(4, 6), shapes)));
		for (int s = 0; s < PLAN.size(); s++) {
			StreetPlan street = PLAN.get(s);
			Geometry streetPiece = streets.get(s);
			List<Coordinate> seeds = street.kind().equals("township")
					? arcSeeds(streetPiece, street.communities().size(), street.seedX() < 0)
					: Cutter.scatter(streetPiece, street.communities().size(), shapes);
			List<Geometry> communities = Cutter.readingOrder(Cutter.relaxedCut(streetPiece, seeds, 4));
			for (int c = 0; c < communities.size(); c++) {
				Geometry community = communities.get(c);
				int grids = street.communities().get(c).grids();
				gridPieces.addAll(
						Cutter.readingOrder(Cutter.relaxedCut(community, Cutter.scatter(community, grids, shapes), 6)));
			}
		}
		List<MultiPolygon> gridShapes = Coverages.snapRound(gridPieces.stream().map(Plane::toLonLat).toList());
		return populate(gridShapes, seed);
	}

	/** Codes, names, people and dwellings for the grid shapes, given in plan order. */
	private static DemoDistrict populate(List<MultiPolygon> gridShapes, long seed) {
		Random random = new Random(seed + 1);
		People people = new People(random);
		Households households = new Households(new Random(seed + 2));
		List<Area> streets = new ArrayList<>();
		List<Area> communities = new ArrayList<>();
		List<Grid> grids = new ArrayList<>();
		List<Staff> staff = new ArrayList<>();
		List<Address> addresses = new ArrayList<>();
		List<Stations.Community> stationSites = new ArrayList<>();

		List<String> types = new ArrayList<>();
		for (StreetPlan street : PLAN) {
			for (CommunityPlan community : street.communities()) {
				for (int g = 0; g < community.grids(); g++) {
					boolean special = g >= community.grids() - community.specialGrids();
					types.add(special ? "special" : street.kind().equals("street") ? "urban" : "rural");
				}
			}
		}
		int[] householdCounts = householdCounts(types, random);
		List<Integer> busiest = IntStream.range(0, types.size())
			.boxed()
			.sorted(Comparator.comparingInt((Integer i) -> -householdCounts[i]).thenComparing(i -> i))
			.limit(SECOND_FULL_TIME_WORKERS)
			.toList();

		int gridIndex = 0;
		for (int s = 0; s < PLAN.size(); s++) {
			StreetPlan street = PLAN.get(s);
			String streetCode = DISTRICT_CODE + String.format("%03d", s + 1);
			boolean urban = street.kind().equals("street");
			List<MultiPolygon> streetCommunities = new ArrayList<>();
			for (int c = 0; c < street.communities().size(); c++) {
				CommunityPlan plan = street.communities().get(c);
				String communityCode = streetCode + String.format("%03d", c + 1);
				String hotline = people.landline();
				String head = people.name();
				String headPhone = people.mobile();
				String police = people.name();
				String policePhone = people.mobile();
				List<MultiPolygon> communityGrids = new ArrayList<>();
				List<List<Address>> gridAddresses = new ArrayList<>();
				int villageGroup = 1;
				for (int g = 0; g < plan.grids(); g++, gridIndex++) {
					MultiPolygon shape = gridShapes.get(gridIndex);
					String type = types.get(gridIndex);
					String code = communityCode + String.format("%03d", g + 1);
					Households.Place place = new Households.Place(code, street.name(), plan.name(), shape);
					int count = householdCounts[gridIndex];
					List<Address> dwellings = households.dwellings(place, type, count, villageGroup);
					if (type.equals("rural")) {
						villageGroup += (int) dwellings.stream().map(Address::compound).distinct().count();
					}
					int population = (int) Math.round(count * (2.3 + 0.5 * random.nextDouble()));
					grids.add(new Grid(code, communityCode, plan.name() + "第" + People.numeral(g + 1) + "网格", type,
							count, population, hotline, Catalogue.GRID_DUTIES, shape));
					addresses.addAll(dwellings);
					gridAddresses.add(dwellings);
					communityGrids.add(shape);

					List<Staff> board = new ArrayList<>();
					board.add(new Staff(code, "grid_head", head, headPhone, Catalogue.GRID_HEAD_DUTIES, 0));
					int fullTime = busiest.contains(gridIndex) ? 2 : 1;
					for (int i = 0; i < fullTime; i++) {
						board.add(person(code, "full_time", people, Catalogue.FULL_TIME_DUTIES));
					}
					board.add(person(code, "part_time", people, Catalogue.PART_TIME_DUTIES));
					board.add(person(code, "part_time", people, Catalogue.PART_TIME_DUTIES));
					board.add(person(code, "party_leader", people, Catalogue.PARTY_LEADER_DUTIES));
					board.add(new Staff(code, "police", police, policePhone, Catalogue.POLICE_DUTIES, 0));
					switch (type) {
						case "urban" -> board.add(person(code, "property", people, Catalogue.PROPERTY_DUTIES));
						case "rural" -> board.add(person(code, "mediator", people, Catalogue.MEDIATOR_DUTIES));
						default -> board.add(person(code, "other", people, "负责园区企业安全生产和职工服务联络"));
					}
					for (int i = 0; i < board.size(); i++) {
						Staff member = board.get(i);
						staff
							.add(new Staff(code, member.role(), member.name(), member.phone(), member.duties(), i + 1));
					}
				}
				MultiPolygon communityShape = Coverages.union(communityGrids);
				Area community = new Area("community", urban ? "community" : "village", communityCode, streetCode,
						plan.name(), communityShape);
				communities.add(community);
				streetCommunities.add(communityShape);
				stationSites.add(new Stations.Community(community, street.name(), urban, gridAddresses));
			}
			streets.add(new Area("street", street.kind(), streetCode, DISTRICT_CODE, street.name(),
					Coverages.union(streetCommunities)));
		}
		Area district = new Area("district", "district", DISTRICT_CODE, null, DISTRICT_NAME,
				Coverages.union(streets.stream().map(Area::geometry).toList()));
		List<Area> areas = new ArrayList<>();
		areas.add(district);
		areas.addAll(streets);
		areas.addAll(communities);
		List<Station> stations = Stations.place(stationSites, new Random(seed + 3));
		return new DemoDistrict(district, List.copyOf(areas), List.copyOf(grids), List.copyOf(staff),
				List.copyOf(addresses), Catalogue.departments(), Catalogue.matters(), stations);
	}

	private static Staff person(String gridCode, String role, People people, String duties) {
		return new Staff(gridCode, role, people.name(), people.mobile(), duties, 0);
	}

	/**
	 * Households per grid: urban 300-500 (the usual grid size), special 40-120
	 * (dormitories), rural 150-600, drawn and then nudged one at a time until the
	 * district total is {@link #TOTAL_HOUSEHOLDS}.
	 */
	private static int[] householdCounts(List<String> types, Random random) {
		int[] counts = new int[types.size()];
		int total = 0;
		for (int i = 0; i < counts.length; i++) {
			counts[i] = switch (types.get(i)) {
				case "urban" -> 300 + random.nextInt(201);
				case "special" -> 40 + random.nextInt(81);
				default -> 200 + random.nextInt(261);
			};
			total += counts[i];
		}
		while (total != TOTAL_HOUSEHOLDS) {
			int i = random.nextInt(counts.length);
			int next = counts[i] + Integer.signum(TOTAL_HOUSEHOLDS - total);
			boolean allowed = switch (types.get(i)) {
				case "urban" -> next >= 300 && next <= 500;
				case "special" -> next >= 40 && next <= 120;
				default -> next >= 150 && next <= 600;
			};
			if (allowed) {
				total += next - counts[i];
				counts[i] = next;
			}
		}
		return counts;
	}

	/** An irregular oval: radii a and b wobbled by three random harmonics. */
	static Geometry blob(double a, double b, int vertices, double wobble, Random random) {
		double[] phases = { random.nextDouble() * 2 * Math.PI, random.nextDouble() * 2 * Math.PI,
				random.nextDouble() * 2 * Math.PI };
		Coordinate[] ring = new Coordinate[vertices + 1];
		for (int i = 0; i < vertices; i++) {
			double t = 2 * Math.PI * i / vertices;
			double r = 1 + wobble * (Math.sin(2 * t + phases[0]) + 0.6 * Math.sin(3 * t + phases[1])
					+ 0.3 * Math.sin(5 * t + phases[2])) / 1.9 + wobble * 0.2 * (random.nextDouble() - 0.5);
			ring[i] = new Coordinate(a * r * Math.cos(t), b * r * Math.sin(t));
		}
		ring[vertices] = ring[0].copy();
		return Plane.METRES.createPolygon(ring);
	}

	private static List<Coordinate> seedsOf(List<StreetPlan> streets, Random random) {
		return streets.stream()
			.map((s) -> new Coordinate(s.seedX() + 300 * (random.nextDouble() - 0.5),
					s.seedY() + 300 * (random.nextDouble() - 0.5)))
			.toList();
	}

	/**
	 * Seeds spread along the middle of a township's ring-shaped half, so villages start
	 * as wedges of it rather than random blobs that might wrap round the town.
	 */
	private static List<Coordinate> arcSeeds(Geometry township, int n, boolean west) {
		List<Coordinate> seeds = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			double degrees = (west ? 105 : -75) + 150.0 * i / (n - 1);
			double t = Math.toRadians(degrees);
			Coordinate c = new Coordinate(6300 * Math.cos(t), 4700 * Math.sin(t));
			seeds.add(township.contains(Plane.METRES.createPoint(c)) ? c : township.getInteriorPoint().getCoordinate());
		}
		return seeds;
	}

}
