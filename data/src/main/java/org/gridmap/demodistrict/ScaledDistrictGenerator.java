package org.gridmap.demodistrict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * The scaled dataset for benchmarks and capacity figures: the demo district's structure
 * grown to a city district of {@value #GRIDS} grids, {@value #ADDRESSES} addresses (
 * {@value #HOUSEHOLDS} dwellings, the rest street-level shops and offices), the demo's 12
 * departments and 43 matters, {@value #STATIONS} service stations and {@value #INCIDENTS}
 * incidents over two years ({@link #incidents}). A scale factor shrinks every count in
 * proportion (0.01: 20 grids, 10,000 addresses …), for tests.
 * <p>
 * Layout: an urban core of about {@value #GRIDS_PER_STREET} grids a street, 7 grids a
 * community, {@value #URBAN_GRID_KM2} km² a grid (the demo town's density), ringed by
 * rural townships of 5-grid villages cut as wedges of the ring. Each level is cut from
 * its parent as the demo's is ({@link Cutter}), all grids are snap-rounded together into
 * one exact coverage ({@link Coverages}) and communities, streets and the district are
 * their unions, so grids tile their parents with no gap or overlap. Households are 300 to
 * 500 a urban grid (dormitory grids fewer), the district's total nudged to exactly 400 a
 * grid on average. The same seed and scale give the same dataset, value for value.
 */
public final class ScaledDistrictGenerator {

	/** The demo's seed. */
	public static final long DEFAULT_SEED = DemoDistrictGenerator.DEFAULT_SEED;

	public static final int GRIDS = 2_000;

	public static final int ADDRESSES = 1_000_000;

	public static final int HOUSEHOLDS = 800_000;

	public static final int INCIDENTS = 1_000_000;

	public static final int STATIONS = 400;

	/**
	 * Incidents go back two years from the end, so that a year's statistics have a year
	 * before to compare with.
	 */
	public static final Duration SPAN = Duration.ofDays(730);

	static final double RURAL_SHARE = 0.12;

	static final int GRIDS_PER_STREET = 55;

	static final int GRIDS_PER_TOWNSHIP = 40;

	static final int GRIDS_PER_COMMUNITY = 7;

	static final int GRIDS_PER_VILLAGE = 5;

	static final double URBAN_GRID_KM2 = 0.12;

	static final double RURAL_GRID_KM2 = 5;

	/**
	 * One urban community in this many gets two dormitory grids of an industrial park.
	 */
	static final int SPECIAL_EVERY = 16;

	// The demo's four streets first, so the scaled district reads like a grown demo.
	private static final String[] STREET_WORDS = ("东兴 矿里 洗煤 大通沟 红星 新城 站前 北山 南岗 河西 城西 城东 滨河 青年 工农 友谊 长青 "
			+ "铁西 铁东 前进 光华 新兴 繁荣 学府 东风 文化 团结 恒山 鸡冠 城子河 梨树 麻山 西郊 东郊 南山 北岭 裕民 安康 金城 银河")
		.split(" ");

	private static final String[] TOWNSHIP_WORDS = "滴道河 兰岭 西岗 青山 永丰 太阳升 五星 柳毛 红岩 黎明".split(" ");

	private static final String[] COMMUNITY_WORDS = ("建设 东兴 新华 永安 和平 矿里 立新 光明 胜利 洗煤 工业园 振兴 富强 大通沟 向阳 红光 "
			+ "兴华 朝阳 春晖 福山 锦华 康宁 景园 翠园 松林 柳荫 桃源 梅苑 兰园 竹园 枫林 杏林 丰收 前锋 团结 红旗 幸福 阳光 民主 新村 育才 园丁 "
			+ "电厂 机厂 煤机 选煤 站前 商贸 车站 医院 学苑 体育 文苑 湖滨 河畔 泉水 清源 瑞祥 宏图 盛世")
		.split(" ");

	private static final String[] VILLAGE_WORDS = ("滴道河 红旗 民主 太平 新发 兰岭 长胜 保安 友谊 东进 前进 光荣 永胜 双河 三合 四方 五一 "
			+ "六合 七星 八里 九龙 十里 靠山 黄泥 石场 青松 白桦 杨木 柳河 榆树 金沙 银泉 东升 西升 南平 北安 中心 兴隆 富民 胜利")
		.split(" ");

	private static final String[] NAME_VARIANTS = { "", "东", "西", "南", "北", "中", "新", "前", "后" };

	private static final String[] MARKET_ROADS = { "建设路", "人民路", "解放路", "兴业街", "新华路", "胜利路", "光明街", "和平路" };

	private record CommunityPlan(String name, int grids, int specialGrids) {
	}

	private record StreetPlan(String name, boolean urban, List<CommunityPlan> communities) {

		int grids() {
			return this.communities.stream().mapToInt(CommunityPlan::grids).sum();
		}

	}

	private ScaledDistrictGenerator() {
	}

	/** The number of grids at a scale: {@value #GRIDS} at 1, never fewer than 20. */
	public static int grids(double scale) {
		if (!(scale > 0) || scale > 10) {
			throw new IllegalArgumentException("The scale must be above 0 and at most 10, not " + scale);
		}
		return Math.max(20, (int) Math.round(GRIDS * scale));
	}

	/**
	 * The district at a scale: at 1, {@value #GRIDS} grids and {@value #ADDRESSES}
	 * addresses.
	 * @param seed the same seed and scale give the same district
	 * @param scale the share of the full counts, above 0 and at most 10
	 * @return the district; its incidents come from {@link #incidents}
	 */
	public static DemoDistrict generate(long seed, double scale) {
		List<StreetPlan> plan = plan(grids(scale));
		return populate(plan, gridShapes(plan, seed), seed);
	}

	/**
	 * The grid shapes alone, in code order: what {@link #generate} fills with names,
	 * people and dwellings.
	 */
	static List<MultiPolygon> gridShapes(long seed, double scale) {
		return gridShapes(plan(grids(scale)), seed);
	}

	private static List<MultiPolygon> gridShapes(List<StreetPlan> plan, long seed) {
		List<StreetPlan> urban = plan.stream().filter(StreetPlan::urban).toList();
		List<StreetPlan> rural = plan.stream().filter((s) -> !s.urban()).toList();
		int urbanGrids = urban.stream().mapToInt(StreetPlan::grids).sum();
		int ruralGrids = rural.stream().mapToInt(StreetPlan::grids).sum();
		Random shapes = new Random(seed);
		// Areas in km², radii in metres: the core half as tall as wide again, the
		// district a third.
		double coreArea = urbanGrids * URBAN_GRID_KM2;
		double coreB = 1000 * Math.sqrt(coreArea / (1.5 * Math.PI));
		double totalArea = coreArea + ruralGrids * RURAL_GRID_KM2;
		double outlineB = 1000 * Math.sqrt(totalArea / (1.33 * Math.PI));
		Geometry outline = DemoDistrictGenerator.blob(1.33 * outlineB, outlineB, 96, 0.2, shapes);
		Geometry core = DemoDistrictGenerator.blob(1.5 * coreB, coreB, 64, 0.12, shapes);

		List<Geometry> gridPieces = new ArrayList<>();
		List<Geometry> streets = Cutter
			.readingOrder(Cutter.relaxedCut(core, Cutter.scatter(core, urban.size(), shapes), 4));
		for (int s = 0; s < urban.size(); s++) {
			Geometry street = streets.get(s);
			List<CommunityPlan> communities = urban.get(s).communities();
			List<Geometry> pieces = Cutter
				.readingOrder(Cutter.relaxedCut(street, Cutter.scatter(street, communities.size(), shapes), 4));
			for (int c = 0; c < pieces.size(); c++) {
				gridPieces.addAll(grids(pieces.get(c), communities.get(c).grids(), shapes));
			}
		}
		// Townships: wedges of the ring round the core, villages narrower wedges of
		// those.
		Geometry ring = outline.difference(core);
		double midA = (1.33 * outlineB + 1.5 * coreB) / 2;
		double midB = (outlineB + coreB) / 2;
		double turn = 2 * Math.PI * shapes.nextDouble();
		List<Coordinate> townshipSeeds = new ArrayList<>();
		for (int t = 0; t < rural.size(); t++) {
			double angle = turn + 2 * Math.PI * t / rural.size();
			townshipSeeds.add(new Coordinate(midA * Math.cos(angle), midB * Math.sin(angle)));
		}
		List<Geometry> townships = Cutter.cut(ring, townshipSeeds);
		for (int t = 0; t < rural.size(); t++) {
			Geometry township = townships.get(t);
			List<CommunityPlan> villages = rural.get(t).communities();
			double width = 2 * Math.PI / rural.size();
			List<Coordinate> seeds = new ArrayList<>();
			for (int v = 0; v < villages.size(); v++) {
				double angle = turn + width * t - width / 2 + width * (v + 0.5) / villages.size();
				Coordinate at = new Coordinate(midA * Math.cos(angle), midB * Math.sin(angle));
				seeds.add(township.contains(Plane.METRES.createPoint(at)) ? at
						: Cutter.scatter(township, 1, shapes).get(0));
			}
			List<Geometry> pieces = Cutter.readingOrder(Cutter.cut(township, seeds));
			for (int v = 0; v < pieces.size(); v++) {
				gridPieces.addAll(grids(pieces.get(v), villages.get(v).grids(), shapes));
			}
		}
		return Coverages.snapRound(gridPieces.stream().map(Plane::toLonLat).toList());
	}

	private static List<Geometry> grids(Geometry community, int grids, Random shapes) {
		return Cutter.readingOrder(Cutter.relaxedCut(community, Cutter.scatter(community, grids, shapes), 6));
	}

	/**
	 * Streets of about {@value #GRIDS_PER_STREET} grids and communities of about
	 * {@value #GRIDS_PER_COMMUNITY}, then townships of about {@value #GRIDS_PER_TOWNSHIP}
	 * and villages of about {@value #GRIDS_PER_VILLAGE}, adding up to {@code grids}.
	 */
	private static List<StreetPlan> plan(int grids) {
		int ruralGrids = Math.max(GRIDS_PER_VILLAGE, (int) Math.round(grids * RURAL_SHARE));
		int urbanGrids = grids - ruralGrids;
		int streets = Math.max(2, Math.round((float) urbanGrids / GRIDS_PER_STREET));
		int townships = Math.max(1, Math.round((float) ruralGrids / GRIDS_PER_TOWNSHIP));
		List<StreetPlan> plan = new ArrayList<>();
		int communityCount = 0;
		for (int s = 0; s < streets; s++) {
			int streetGrids = share(urbanGrids, s, streets);
			int n = Math.max(1, Math.round((float) streetGrids / GRIDS_PER_COMMUNITY));
			List<CommunityPlan> communities = new ArrayList<>();
			for (int c = 0; c < n; c++, communityCount++) {
				int g = share(streetGrids, c, n);
				int special = (communityCount % SPECIAL_EVERY == SPECIAL_EVERY - 1 && g >= 4) ? 2 : 0;
				communities.add(new CommunityPlan(name(COMMUNITY_WORDS, communityCount, "社区"), g, special));
			}
			plan.add(new StreetPlan(name(STREET_WORDS, s, "街道"), true, communities));
		}
		int villageCount = 0;
		for (int t = 0; t < townships; t++) {
			int townshipGrids = share(ruralGrids, t, townships);
			int n = Math.max(1, Math.round((float) townshipGrids / GRIDS_PER_VILLAGE));
			List<CommunityPlan> villages = new ArrayList<>();
			for (int v = 0; v < n; v++, villageCount++) {
				villages.add(new CommunityPlan(name(VILLAGE_WORDS, villageCount, "村"), share(townshipGrids, v, n), 0));
			}
			plan.add(new StreetPlan(name(TOWNSHIP_WORDS, t, "乡"), false, villages));
		}
		return plan;
	}

	/** Part {@code i} of {@code n} nearly equal parts of {@code total}. */
	private static int share(int total, int i, int n) {
		return (int) ((long) total * (i + 1) / n - (long) total * i / n);
	}

	/** Word {@code i}, then the words again with 东, 西 … before the suffix. */
	private static String name(String[] words, int i, String suffix) {
		int round = i / words.length;
		String variant = (round < NAME_VARIANTS.length) ? NAME_VARIANTS[round] : People.numeral(round);
		return words[i % words.length] + variant + suffix;
	}

	/** Codes, names, people, dwellings, shops and stations, as the demo's populate. */
	private static DemoDistrict populate(List<StreetPlan> plan, List<MultiPolygon> gridShapes, long seed) {
		Random random = new Random(seed + 1);
		People people = new People(random);
		Households households = new Households(new Random(seed + 2));
		String districtCode = DemoDistrictGenerator.DISTRICT_CODE;
		List<String> types = new ArrayList<>();
		for (StreetPlan street : plan) {
			for (CommunityPlan community : street.communities()) {
				for (int g = 0; g < community.grids(); g++) {
					boolean special = g >= community.grids() - community.specialGrids();
					types.add(special ? "special" : street.urban() ? "urban" : "rural");
				}
			}
		}
		int[] householdCounts = householdCounts(types, random);
		int[] shopCounts = shopCounts(types, householdCounts, random);
		int secondWorkers = (int) Math.round(types.size() * 20.0 / 146);
		Set<Integer> busiest = new HashSet<>(IntStream.range(0, types.size())
			.boxed()
			.sorted(Comparator.comparingInt((Integer i) -> -householdCounts[i]).thenComparing(i -> i))
			.limit(secondWorkers)
			.toList());

		List<Area> streets = new ArrayList<>();
		List<Area> communities = new ArrayList<>();
		List<Grid> grids = new ArrayList<>();
		List<Staff> staff = new ArrayList<>();
		List<Address> addresses = new ArrayList<>(ADDRESSES);
		List<Stations.Community> stationSites = new ArrayList<>();
		int gridIndex = 0;
		for (int s = 0; s < plan.size(); s++) {
			StreetPlan street = plan.get(s);
			String streetCode = districtCode + String.format("%03d", s + 1);
			List<MultiPolygon> streetCommunities = new ArrayList<>();
			for (int c = 0; c < street.communities().size(); c++) {
				CommunityPlan community = street.communities().get(c);
				String communityCode = streetCode + String.format("%03d", c + 1);
				String hotline = people.landline();
				String head = people.name();
				String headPhone = people.mobile();
				String police = people.name();
				String policePhone = people.mobile();
				List<MultiPolygon> communityGrids = new ArrayList<>();
				List<List<Address>> gridAddresses = new ArrayList<>();
				int villageGroup = 1;
				for (int g = 0; g < community.grids(); g++, gridIndex++) {
					MultiPolygon shape = gridShapes.get(gridIndex);
					String type = types.get(gridIndex);
					String code = communityCode + String.format("%03d", g + 1);
					Households.Place place = new Households.Place(code, street.name(), community.name(), shape);
					int count = householdCounts[gridIndex];
					List<Address> dwellings = households.dwellings(place, type, count, villageGroup);
					if (type.equals("rural")) {
						villageGroup += (int) dwellings.stream().map(Address::compound).distinct().count();
					}
					List<Address> gridAll = new ArrayList<>(dwellings);
					gridAll.addAll(households.shops(place, dwellings, shopCounts[gridIndex]));
					int population = (int) Math.round(count * (2.3 + 0.5 * random.nextDouble()));
					grids.add(new Grid(code, communityCode, community.name() + "第" + People.numeral(g + 1) + "网格", type,
							count, population, hotline, Catalogue.GRID_DUTIES, shape));
					addresses.addAll(gridAll);
					gridAddresses.add(dwellings);
					communityGrids.add(shape);
					staff.addAll(board(code, type, busiest.contains(gridIndex) ? 2 : 1, head, headPhone, police,
							policePhone, people));
				}
				MultiPolygon communityShape = Coverages.union(communityGrids);
				Area area = new Area("community", street.urban() ? "community" : "village", communityCode, streetCode,
						community.name(), communityShape);
				communities.add(area);
				streetCommunities.add(communityShape);
				stationSites.add(new Stations.Community(area, street.name(), street.urban(), gridAddresses));
			}
			streets.add(new Area("street", street.urban() ? "street" : "township", streetCode, districtCode,
					street.name(), Coverages.union(streetCommunities)));
		}
		Area district = new Area("district", "district", districtCode, null, DemoDistrictGenerator.DISTRICT_NAME,
				Coverages.union(streets.stream().map(Area::geometry).toList()));
		List<Area> areas = new ArrayList<>();
		areas.add(district);
		areas.addAll(streets);
		areas.addAll(communities);
		int stationCount = (int) Math.round((double) STATIONS * types.size() / GRIDS);
		List<Station> stations = Stations.placeMany(stationSites, stationCount, new Random(seed + 3));
		return new DemoDistrict(district, List.copyOf(areas), List.copyOf(grids), List.copyOf(staff),
				List.copyOf(addresses), Catalogue.departments(), Catalogue.matters(), stations);
	}

	/** A grid's notice board, "1+1+1+N" as in the demo. */
	private static List<Staff> board(String code, String type, int fullTime, String head, String headPhone,
			String police, String policePhone, People people) {
		List<Staff> board = new ArrayList<>();
		board.add(new Staff(code, "grid_head", head, headPhone, Catalogue.GRID_HEAD_DUTIES, 1));
		for (int i = 0; i < fullTime; i++) {
			board.add(person(code, "full_time", people, Catalogue.FULL_TIME_DUTIES, board.size() + 1));
		}
		board.add(person(code, "part_time", people, Catalogue.PART_TIME_DUTIES, board.size() + 1));
		board.add(person(code, "part_time", people, Catalogue.PART_TIME_DUTIES, board.size() + 1));
		board.add(person(code, "party_leader", people, Catalogue.PARTY_LEADER_DUTIES, board.size() + 1));
		board.add(new Staff(code, "police", police, policePhone, Catalogue.POLICE_DUTIES, board.size() + 1));
		switch (type) {
			case "urban" -> board.add(person(code, "property", people, Catalogue.PROPERTY_DUTIES, board.size() + 1));
			case "rural" -> board.add(person(code, "mediator", people, Catalogue.MEDIATOR_DUTIES, board.size() + 1));
			default -> board.add(person(code, "other", people, "负责园区企业安全生产和职工服务联络", board.size() + 1));
		}
		return board;
	}

	private static Staff person(String gridCode, String role, People people, String duties, int sortOrder) {
		return new Staff(gridCode, role, people.name(), people.mobile(), duties, sortOrder);
	}

	/**
	 * Households a grid: urban 300-500, rural 250-500, dormitory grids 100-250, nudged
	 * one at a time until the district has {@value #HOUSEHOLDS} per {@value #GRIDS}
	 * grids.
	 */
	private static int[] householdCounts(List<String> types, Random random) {
		long target = Math.round((double) HOUSEHOLDS * types.size() / GRIDS);
		int[] counts = new int[types.size()];
		long total = 0;
		for (int i = 0; i < counts.length; i++) {
			counts[i] = switch (types.get(i)) {
				case "urban" -> 300 + random.nextInt(201);
				case "special" -> 100 + random.nextInt(151);
				default -> 250 + random.nextInt(251);
			};
			total += counts[i];
		}
		while (total != target) {
			int i = random.nextInt(counts.length);
			int next = counts[i] + Long.signum(target - total);
			boolean allowed = switch (types.get(i)) {
				case "urban" -> next >= 300 && next <= 500;
				case "special" -> next >= 100 && next <= 250;
				default -> next >= 250 && next <= 500;
			};
			if (allowed) {
				total += next - counts[i];
				counts[i] = next;
			}
		}
		return counts;
	}

	/**
	 * Shops and offices a grid, about 28 % of the households in town, 10 % in villages, 5
	 * % among dormitories, nudged until households and shops make {@value #ADDRESSES}
	 * addresses per {@value #GRIDS} grids.
	 */
	private static int[] shopCounts(List<String> types, int[] households, Random random) {
		long target = Math.round((double) (ADDRESSES - HOUSEHOLDS) * types.size() / GRIDS);
		int[] counts = new int[types.size()];
		long total = 0;
		for (int i = 0; i < counts.length; i++) {
			double share = switch (types.get(i)) {
				case "urban" -> 0.28;
				case "special" -> 0.05;
				default -> 0.1;
			};
			counts[i] = (int) Math.round(households[i] * share * (0.7 + 0.6 * random.nextDouble()));
			total += counts[i];
		}
		while (total != target) {
			int i = random.nextInt(counts.length);
			int next = counts[i] + Long.signum(target - total);
			if (next >= 1 && next <= households[i] / 2) {
				total += next - counts[i];
				counts[i] = next;
			}
		}
		return counts;
	}

	/**
	 * The incident plan for a scaled district: {@value #INCIDENTS} incidents per
	 * {@value #GRIDS} grids over {@link #SPAN}, 0.5 % just outside, and eight hotspots
	 * (four at small scales): the demo's four kinds, twice, in urban communities spread
	 * over the district, each with the demo's incidents a year.
	 */
	public static IncidentGenerator.Plan incidentPlan(DemoDistrict district) {
		int grids = district.grids().size();
		double scale = (double) grids / GRIDS;
		int incidents = (int) Math.round(INCIDENTS * scale);
		Set<String> special = new HashSet<>();
		district.grids()
			.stream()
			.filter((g) -> g.type().equals("special"))
			.forEach((g) -> special.add(g.communityCode()));
		List<String> urban = district.areas()
			.stream()
			.filter((a) -> a.kind().equals("community") && !special.contains(a.code()))
			.map(Area::code)
			.sorted()
			.toList();
		int sites = (urban.size() >= 16) ? 8 : 4;
		double years = SPAN.toDays() / 365.0;
		double size = years * Math.min(1, 4 * scale);
		String[] kinds = { "sewer", "market", "charging", "square" };
		int[] perYear = { IncidentGenerator.SEWER_INCIDENTS, IncidentGenerator.MARKET_INCIDENTS,
				IncidentGenerator.CABLE_INCIDENTS, IncidentGenerator.SQUARE_INCIDENTS };
		List<IncidentGenerator.HotspotPlan> hotspots = new ArrayList<>();
		for (int k = 0; k < sites; k++) {
			String kind = kinds[k % 4];
			String name = (k < 4) ? kind : kind + "-" + (k / 4 + 1);
			hotspots.add(new IncidentGenerator.HotspotPlan(name, kind, urban.get(k * urban.size() / sites),
					MARKET_ROADS[k % MARKET_ROADS.length], (int) Math.max(1, Math.round(perYear[k % 4] * size))));
		}
		return new IncidentGenerator.Plan(SPAN, incidents, (int) Math.round(incidents * 0.005), hotspots);
	}

	/**
	 * The scaled district's incidents: {@link #incidentPlan} ending at
	 * {@link IncidentGenerator#DEFAULT_END}, ordered by report time.
	 */
	public static List<DemoIncident> incidents(DemoDistrict district, long seed) {
		return IncidentGenerator.generate(district, seed, IncidentGenerator.DEFAULT_END, incidentPlan(district));
	}

}
