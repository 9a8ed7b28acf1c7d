package org.gridmap.demodistrict;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Generates one year of demo incidents 事件 for the demo district: {@value #INCIDENTS}
 * reports over the 365 days before an end instant, each with its closed-loop timeline
 * (report → register → dispatch → accept → handle → verify → close, and rate; or reject).
 * The same district, seed and end give the same incidents, value for value. The scaled
 * dataset uses the same machinery with a {@link Plan} of its own: more incidents, a
 * longer span and more hotspots ({@link ScaledDistrictGenerator#incidentPlan}).
 * <p>
 * What the year looks like:
 * <ul>
 * <li><b>Where</b>: at a random dwelling jittered by up to 30 m, so density follows the
 * households; some matters only in compounds (elevators, property, e-bike charging) or
 * only in villages (left-behind children, burials); about 0.5% just outside the district
 * (no grid, handled by the district desk).</li>
 * <li><b>When</b>: seasonal by matter ({@link #WINTER_MATTERS} peak in December to
 * February: frozen pipes, heating, snow and ice, gas; {@link #SUMMER_MATTERS} in June to
 * August: noise, vending, parking, mosquitoes; drains and manholes in the April thaw and
 * the July–August rains), fewer on weekends (×0.7) and in Spring Festival week (×0.4),
 * residents' reports in the morning and evening, grid workers' in office hours, noise at
 * night.</li>
 * <li><b>Outcome</b>: about 93% closed (85% of them within the matter's time limit), 4%
 * rejected (invalid, duplicate, not our matter), 3% failing verification once; the last
 * weeks hold open incidents in every state, some of them overdue; 80% of the closed ones
 * rated 1–5 in the follow-up call, mostly 4–5.</li>
 * </ul>
 * <p>
 * Four genuine <b>hotspots</b> ({@link #hotspots(DemoDistrict)} gives their centres):
 * <ol>
 * <li><b>Sewer</b>: the central buildings of the largest compound of 矿里社区 (矿里街道,
 * community 230304002001) share a failing sewer main: {@value #SEWER_INCIDENTS} reports
 * of 下水道堵塞 and 井盖冒水 within about 100 m of its centre, most in the thaw and the
 * rains.</li>
 * <li><b>Market street</b>: the morning market on 建设路 through the middle of 东兴社区 (东兴街道,
 * 230304001002), a 500 m east–west stretch centred on the community's mean dwelling:
 * {@value #MARKET_INCIDENTS} reports of 占道经营 and 车辆乱停, mostly in summer and at
 * weekends.</li>
 * <li><b>E-bike charging</b>: 1号楼 of the largest compound of 洗煤社区 (洗煤街道, 230304003001)
 * and the two buildings nearest to it, old workers' housing: {@value #CABLE_INCIDENTS}
 * reports of 飞线充电 (and some 安全隐患) within about 100 m.</li>
 * <li><b>Square dancing</b>: the culture square of 和平社区 (东兴街道, 230304001005) at the
 * community's mean dwelling: {@value #SQUARE_INCIDENTS} evening reports of 噪音扰民 within
 * about 60 m, May to September.</li>
 * </ol>
 */
public final class IncidentGenerator {

	/** The end the backend uses, so that the demo year is always the same. */
	public static final Instant DEFAULT_END = Instant.parse("2026-11-01T00:00:00Z");

	/** How many incidents a year. */
	public static final int INCIDENTS = 30_000;

	/** Local time of the district (China Standard Time). */
	public static final ZoneId ZONE = ZoneOffset.ofHours(8);

	/** Matters that peak in winter: water pipes and heating, snow, ice and gas. */
	public static final Set<String> WINTER_MATTERS = Set.of("water-supply", "safety-hazard");

	/** Matters that peak in summer. */
	public static final Set<String> SUMMER_MATTERS = Set.of("noise", "street-vending", "illegal-parking",
			"vector-control");

	static final int SEWER_INCIDENTS = 360;

	static final int MARKET_INCIDENTS = 320;

	static final int CABLE_INCIDENTS = 220;

	static final int SQUARE_INCIDENTS = 160;

	static final int OUTSIDE_INCIDENTS = 150;

	/**
	 * What a generated history holds. {@link #DEMO} is the demo year; the scaled dataset
	 * has its own ({@link ScaledDistrictGenerator#incidentPlan}).
	 *
	 * @param span how far back from the end instant reports go
	 * @param incidents how many incidents in all
	 * @param outside how many of them just outside the district
	 * @param hotspots the hotspots, each contributing its incidents
	 */
	public record Plan(Duration span, int incidents, int outside, List<HotspotPlan> hotspots) {

		/** The demo year: {@value #INCIDENTS} incidents and the four hotspots above. */
		public static final Plan DEMO = new Plan(Duration.ofDays(365), INCIDENTS, OUTSIDE_INCIDENTS,
				List.of(new HotspotPlan("sewer", "sewer", "230304002001", null, SEWER_INCIDENTS),
						new HotspotPlan("market", "market", "230304001002", "建设路", MARKET_INCIDENTS),
						new HotspotPlan("charging", "charging", "230304003001", null, CABLE_INCIDENTS),
						new HotspotPlan("square", "square", "230304001005", null, SQUARE_INCIDENTS)));

	}

	/**
	 * One hotspot of a plan, built as the demo's hotspot of the same kind is, in another
	 * community.
	 *
	 * @param name its name in {@link Hotspot#name()}
	 * @param kind {@code sewer}, {@code market}, {@code charging} or {@code square}
	 * @param communityCode the urban community it lies in
	 * @param road the market's road ({@code market} only)
	 * @param incidents how many incidents it contributes
	 */
	public record HotspotPlan(String name, String kind, String communityCode, String road, int incidents) {

	}

	/**
	 * A hotspot of the demo year.
	 *
	 * @param name a short English name: sewer, market, charging, square
	 * @param description where and what, in Chinese
	 * @param matterCodes the matters reported there
	 * @param centre its centre, WGS 84
	 * @param radiusMetres the radius holding nearly all of its incidents
	 * @param incidents how many incidents it contributes
	 */
	public record Hotspot(String name, String description, List<String> matterCodes, Point centre, double radiusMetres,
			int incidents) {

	}

	private enum Season {

		FLAT(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
		// January to December
		WINTER(2.2, 1.8, 1.3, 0.9, 0.5, 0.45, 0.45, 0.45, 0.55, 0.9, 1.5, 2.0),
		SUMMER(0.4, 0.4, 0.5, 0.9, 1.4, 2.0, 2.2, 2.0, 1.4, 0.9, 0.5, 0.4),
		RAINY(0.7, 0.7, 0.9, 1.6, 1.1, 1.2, 2.0, 2.0, 1.2, 0.9, 0.8, 0.7);

		private final double[] months;

		Season(double... months) {
			this.months = months;
		}

	}

	private enum Where {

		ANY, URBAN, RURAL

	}

	/** How a matter behaves: weight, season, where, who finds it, what is said. */
	private record Spec(double weight, Season season, Where where, boolean patrol, String[] reports, String[] handles) {

	}

	private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

	private static final String[] GENERIC_HANDLES = { "已按流程受理，相关部门已上门办理，结果已反馈当事人", "已核实情况并协助当事人办理相关手续，当事人表示认可",
			"已入户了解情况，按政策办理完毕并告知当事人" };

	static {
		spec("dispute", 6, Season.FLAT, Where.ANY, false,
				"{p}{n}与邻居因楼道堆放杂物发生争吵，需调解|{p}两户居民因楼上漏水损失赔偿产生纠纷|{p}{n}家与邻居因停车位发生口角，情绪激动",
				"网格员联合社区调解员上门调解，双方达成和解|已组织双方协商并签订调解协议");
		spec("manhole-overflow", 4.5, Season.RAINY, Where.ANY, false,
				"{p}{d}井盖冒水，污水漫到人行道|{p}{d}井盖松动破损，夜间行人易绊倒|{p}{d}雨水井盖缺失，存在安全隐患", "已联系排水公司抽排疏通，井盖复位|已更换破损井盖并设置警示标识");
		spec("blocked-drain", 6.5, Season.RAINY, Where.ANY, false,
				"{p}{d}下水道堵塞，一楼住户卫生间返水|{p}单元下水管道堵塞，污水从地漏冒出|{p}{d}排水沟堵塞，积水严重", "已联系物业和疏通人员清掏管道，排水恢复正常|已疏通主管道并清理淤泥");
		spec("sanitation-blackspot", 6.5, Season.FLAT, Where.ANY, true,
				"{p}{d}垃圾堆积多日无人清理，气味难闻|{p}楼后空地堆放建筑垃圾，形成卫生死角|{p}{d}垃圾箱满溢，周边污水横流", "已协调环卫部门清运垃圾，现场已清理干净|已组织志愿者清理并增设垃圾桶");
		spec("street-vending", 4.5, Season.SUMMER, Where.ANY, false,
				"{p}{d}流动摊贩占道经营，堵塞人行道|{p}{d}早市摊位占用机动车道，通行困难|{p}{d}夜市烧烤摊占道经营，油烟扰民", "已联合城管劝离摊贩，引导入市经营|已现场劝导，摊位已清理");
		spec("property-dispute", 4.5, Season.FLAT, Where.URBAN, false,
				"{p}居民反映物业费上涨未公示，要求说明|{p}物业长期不打扫楼道，居民与物业发生争执|{p}物业撤离后无人管理，居民诉求强烈",
				"已组织物业与业主代表座谈，明确服务标准|社区已协调临时托管物业，问题缓解");
		spec("water-supply", 6, Season.WINTER, Where.ANY, false,
				"W:{p}暖气不热，室温不足十五度|W:{p}{d}自来水管冻裂，楼道结冰|W:{p}暖气管道漏水，楼下住户受损|S:{p}无预告停水两天，居民生活受影响|{p}自来水水压不足，高层住户用水困难",
				"已联系供热公司排气调试，室温恢复达标|已联系供水公司抢修管道并恢复供水|已更换破损管段并清理积冰");
		spec("elevator-fault", 3, Season.FLAT, Where.URBAN, false, "{p}电梯停运，老人上下楼困难|{p}电梯困人，有居民被困轿厢内|{p}电梯运行异响，居民担心安全",
				"已通知维保单位到场维修，电梯恢复运行|维保人员已救出被困人员并检修电梯");
		spec("religious-venue", 0.2, Season.FLAT, Where.ANY, true, "{p}附近发现临时聚集的宗教活动，需了解情况", null);
		spec("ethnic-unity", 0.2, Season.FLAT, Where.ANY, true, "{p}少数民族居民{n}家庭生活困难，需要帮扶", null);
		spec("private-sector-liaison", 0.2, Season.FLAT, Where.ANY, true, "{p}附近个体工商户反映经营困难，希望了解扶持政策", null);
		spec("petition-lead", 1, Season.FLAT, Where.ANY, false, "{p}居民{n}反映房屋征收补偿问题，准备上访|{p}多名居民反映供暖收费问题，有信访意向", null);
		spec("group-petition-risk", 0.3, Season.FLAT, Where.ANY, true, "{p}部分业主因房产证办理问题聚集议论，有集体上访苗头", null);
		spec("noise", 5.5, Season.SUMMER, Where.ANY, false,
				"{p}夜间装修噪音扰民|{p}{d}商铺音响声音过大，影响休息|S:{p}{d}广场舞音响声音过大，晚上九点后仍未停止|S:{p}{d}烧烤摊深夜喧哗扰民",
				"民警已到场劝导，噪音已停止|已约谈商户，调低音量并限定营业时间");
		spec("illegal-parking", 5.5, Season.SUMMER, Where.ANY, false,
				"{p}{d}车辆乱停，堵塞消防通道|{p}{d}车辆乱停乱放，救护车无法进入|{p}{d}私家车长期占用人行道停放", "已联系车主挪车，并在现场张贴提示|交警已到场处理，消防通道已畅通");
		spec("public-order", 2, Season.FLAT, Where.ANY, false, "{p}{d}夜间有可疑人员徘徊|{p}楼道内电动车电瓶被盗|{p}附近出租屋人员频繁进出，居民担心安全",
				"民警已加强巡逻并走访排查|已调取监控并立案侦查，提醒居民加强防范");
		spec("rental-registration", 3, Season.FLAT, Where.ANY, true, "{p}新增出租房屋，租户信息未登记|{p}出租屋入住外来务工人员，需登记流动人口信息",
				"已上门采集登记租户信息");
		spec("elderly-alone", 3, Season.WINTER, Where.ANY, true,
				"{p}独居老人{n}多日未出门，邻居担心|{p}空巢老人{n}行动不便，需要定期探访|W:{p}独居老人{n}家中取暖困难",
				"网格员已上门探访，老人身体状况良好，已纳入定期探访|已联系家属和社区志愿者结对帮扶");
		spec("subsistence-allowance", 1, Season.FLAT, Where.ANY, false, "{p}居民{n}因病致贫，申请最低生活保障", null);
		spec("temporary-assistance", 1, Season.FLAT, Where.ANY, false, "{p}居民{n}家中突遭火灾，生活困难需临时救助|{p}居民{n}突发重病，家庭急需临时救助",
				null);
		spec("disability-subsidy", 0.5, Season.FLAT, Where.ANY, false, "{p}残疾人{n}申请困难残疾人生活补贴", null);
		spec("left-behind-children", 0.5, Season.FLAT, Where.RURAL, true, "{p}留守儿童父母外出务工，由年迈祖父母照看，需关爱帮扶", null);
		spec("old-age-allowance", 0.5, Season.FLAT, Where.ANY, false, "{p}八十岁以上老人{n}申请高龄津贴", null);
		spec("home-elderly-care", 1, Season.FLAT, Where.ANY, false, "{p}失能老人{n}家属申请居家养老上门服务", null);
		spec("homeless-assistance", 0.3, Season.WINTER, Where.ANY, false, "{p}{d}发现流浪人员露宿，需救助|W:{p}有流浪人员在楼道过夜，天气寒冷需救助",
				"已联系救助站接回安置|已送往救助管理站并联系家属");
		spec("funeral-management", 0.4, Season.FLAT, Where.RURAL, false, "{p}附近有人在耕地内乱埋乱葬|{p}丧事搭棚占道，吹打扰民", null);
		spec("community-organisation", 0.3, Season.FLAT, Where.ANY, false, "{p}居民自发成立的文艺队申请社区社会组织备案", null);
		spec("legal-aid", 0.5, Season.FLAT, Where.ANY, false, "{p}居民{n}遭遇工伤无力聘请律师，申请法律援助", null);
		spec("legal-consultation", 1.5, Season.FLAT, Where.ANY, false, "{p}居民{n}咨询房产继承相关法律问题|{p}居民{n}咨询离婚财产分割问题",
				"法律顾问已电话解答，并告知办理途径");
		spec("people-mediation", 1.5, Season.FLAT, Where.ANY, false,
				"{p}两户居民因宅基地边界发生纠纷，申请人民调解|{p}{n}与装修公司因工程质量发生纠纷，申请调解", "人民调解委员会已调解成功，双方签订协议");
		spec("community-correction", 0.3, Season.FLAT, Where.ANY, true, "{p}社区矫正对象{n}近期就业困难，需帮扶", null);
		spec("epidemic-report", 0.3, Season.WINTER, Where.ANY, false, "{p}多名居民出现发热症状，疑似聚集性病例", "疾控人员已上门流调采样，已落实健康监测");
		spec("family-doctor", 1, Season.FLAT, Where.ANY, false, "{p}老人{n}行动不便，希望签约家庭医生上门服务", null);
		spec("vector-control", 2, Season.SUMMER, Where.ANY, false, "S:{p}{d}垃圾点蚊蝇滋生|{p}楼道内老鼠出没，居民反映强烈|S:{p}地下室积水滋生蚊虫",
				"已组织消杀并清理孳生地|已投放鼠药并封堵鼠洞");
		spec("safety-hazard", 5, Season.WINTER, Where.ANY, true,
				"W:{p}{d}屋檐积雪结冰，有坠落伤人风险|W:{p}楼道燃气味道明显，疑似燃气泄漏|W:{p}{d}路面结冰严重，老人易滑倒|{p}{d}采煤沉陷区地面出现裂缝|{p}{d}广告牌松动，存在坠落隐患",
				"已设置警戒并组织清除积雪冰溜|燃气公司已到场检修，隐患已排除|已拆除松动设施，隐患消除");
		spec("flying-cable-charging", 4, Season.FLAT, Where.URBAN, false,
				"{p}有住户从楼上私拉电线给电动车充电|{p}楼道内停放电动车充电，堵塞疏散通道|{p}{d}飞线充电，电线横跨人行道", "已拆除飞线并引导到集中充电桩充电|消防人员已上门宣传，楼道电动车已清理");
		spec("domestic-violence", 0.4, Season.FLAT, Where.ANY, false, "{p}居民反映邻居家中常有打骂声，疑似家庭暴力",
				"妇联和民警已上门了解情况，已开展心理疏导并出具告诫书");
		spec("wage-arrears", 1, Season.WINTER, Where.ANY, false, "{p}{n}等多名务工人员反映被拖欠工资|{p}附近工地拖欠农民工工资，工人聚集讨薪",
				"已约谈用工单位，欠薪已足额发放");
		spec("employment-service", 1, Season.FLAT, Where.ANY, false, "{p}居民{n}失业在家，希望推荐就业岗位|{p}高校毕业生{n}咨询就业见习岗位", null);
		spec("unemployment-registration", 0.5, Season.FLAT, Where.ANY, false, "{p}居民{n}申请办理失业登记", null);
		spec("pension-insurance", 0.5, Season.FLAT, Where.ANY, false, "{p}居民{n}咨询城乡居民养老保险补缴", null);
		spec("medical-insurance", 1.5, Season.WINTER, Where.ANY, false, "{p}居民{n}咨询居民医保缴费方式|{p}老人{n}不会用手机缴纳医保，需要帮助",
				"网格员已上门协助完成缴费");
		spec("skills-training", 0.5, Season.FLAT, Where.ANY, false, "{p}居民{n}希望报名电工职业技能培训", null);
	}

	private static void spec(String matter, double weight, Season season, Where where, boolean patrol, String reports,
			String handles) {
		SPECS.put(matter, new Spec(weight, season, where, patrol, reports.split("\\|"),
				(handles != null) ? handles.split("\\|") : GENERIC_HANDLES));
	}

	private static final String[] CHANNELS = { "grid_worker", "hotline", "wechat", "app", "open311", "other" };

	private static final double[] RESIDENT_CHANNELS = { 0, 42, 30, 20, 5, 3 };

	private static final double[] HOURS_RESIDENT = { 1, 0.5, 0.3, 0.3, 0.3, 0.6, 1.5, 3, 5, 6, 6, 5, 4, 4.5, 5, 5, 4.5,
			4.5, 5, 5.5, 5, 4, 3, 2 };

	private static final double[] HOURS_GRID_WORKER = { 0, 0, 0, 0, 0, 0, 0.2, 1, 6, 8, 8, 6, 2, 4, 7, 7, 6, 3, 0.8,
			0.3, 0.1, 0, 0, 0 };

	private static final double[] HOURS_NIGHT = { 3, 2, 1, 0.5, 0.3, 0.3, 0.5, 1.5, 2, 2, 2, 2, 2.5, 2.5, 2, 2, 2, 2.5,
			4, 6, 7, 7, 6, 4 };

	private static final double[] HOURS_MARKET = { 0, 0, 0, 0, 1, 4, 8, 8, 6, 4, 3, 2, 2, 2, 2, 2, 3, 4, 4, 3, 2, 1, 0,
			0 };

	/** Chinese New Year's Day; the week around it is quiet. */
	private static final List<LocalDate> SPRING_FESTIVALS = List.of(LocalDate.of(2024, 2, 10),
			LocalDate.of(2025, 1, 29), LocalDate.of(2026, 2, 17), LocalDate.of(2027, 2, 6), LocalDate.of(2028, 1, 26));

	private static final String[] DIRECTIONS = { "东侧", "西侧", "南侧", "北侧", "门前", "楼后", "路口" };

	private static final String[] RURAL_DIRECTIONS = { "东侧", "西侧", "南侧", "北侧", "门前", "村道旁" };

	private static final String[] SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗".split("");

	private static final String BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

	private final DemoDistrict district;

	private final Plan plan;

	private final Random random;

	private final Instant end;

	private final Instant start;

	private final List<LocalDate> days = new ArrayList<>();

	private final Map<Season, double[]> dayCdfs = new HashMap<>();

	private final List<Address> urban = new ArrayList<>();

	private final List<Address> rural = new ArrayList<>();

	private final STRtree gridIndex = new STRtree();

	private final IndexedPointInAreaLocator districtLocator;

	private final Map<String, Grid> grids = new HashMap<>();

	private final Map<String, String> workers = new HashMap<>();

	private final Map<String, Matter> matters = new HashMap<>();

	private final Map<String, String> departments = new HashMap<>();

	private final Map<String, String> streetNames = new HashMap<>();

	private final List<String> dispatchers = new ArrayList<>();

	private final People people;

	private final Set<String> codes = new HashSet<>();

	private IncidentGenerator(DemoDistrict district, long seed, Instant end, Plan plan) {
		this.district = district;
		this.plan = plan;
		this.random = new Random(seed);
		this.end = end;
		this.start = end.minus(plan.span());
		this.people = new People(new Random(seed + 1));
		for (int i = 0; i < 6; i++) {
			this.dispatchers.add(this.people.name());
		}
		for (LocalDate day = LocalDate.ofInstant(this.start, ZONE); !day
			.isAfter(LocalDate.ofInstant(end, ZONE)); day = day.plusDays(1)) {
			this.days.add(day);
		}
		for (Season season : Season.values()) {
			double[] cdf = new double[this.days.size()];
			double sum = 0;
			for (int i = 0; i < cdf.length; i++) {
				sum += dayWeight(this.days.get(i)) * season.months[this.days.get(i).getMonthValue() - 1];
				cdf[i] = sum;
			}
			this.dayCdfs.put(season, cdf);
		}
		for (Address address : district.addresses()) {
			((address.building() != null) ? this.urban : this.rural).add(address);
		}
		for (Grid grid : district.grids()) {
			this.grids.put(grid.code(), grid);
			this.gridIndex.insert(grid.geometry().getEnvelopeInternal(),
					new Object[] { grid, new IndexedPointInAreaLocator(grid.geometry()) });
		}
		this.gridIndex.build();
		this.districtLocator = new IndexedPointInAreaLocator(district.district().geometry());
		for (Staff staff : district.staff()) {
			if (staff.role().equals("full_time")) {
				this.workers.putIfAbsent(staff.gridCode(), staff.name());
			}
		}
		district.matters().forEach((m) -> this.matters.put(m.code(), m));
		district.departments().forEach((d) -> this.departments.put(d.code(), d.name()));
		district.areas().forEach((a) -> this.streetNames.put(a.code(), a.name()));
	}

	/**
	 * The incidents reported in the 365 days before {@code end}, ordered by report time.
	 * @param district the demo district (of any seed)
	 * @param seed the seed: the same district, seed and end give the same incidents
	 * @param end the instant the year ends; incidents still open then are open
	 * @return about {@value #INCIDENTS} incidents
	 */
	public static List<DemoIncident> generate(DemoDistrict district, long seed, Instant end) {
		return generate(district, seed, end, Plan.DEMO);
	}

	/**
	 * The incidents of {@code plan} reported before {@code end}, ordered by report time:
	 * the demo year's rhythm, outcomes and texts over the plan's span and hotspots.
	 * @param district a district holding the plan's hotspot communities
	 * @param seed the seed: the same district, seed, end and plan give the same incidents
	 * @param end the instant the history ends; incidents still open then are open
	 * @param plan how many incidents, over how long, with which hotspots
	 * @return the plan's incidents
	 */
	public static List<DemoIncident> generate(DemoDistrict district, long seed, Instant end, Plan plan) {
		return new IncidentGenerator(district, seed, end, plan).generate();
	}

	/**
	 * The hotspots of the year, found from the district as {@link #generate} finds them.
	 */
	public static List<Hotspot> hotspots(DemoDistrict district) {
		return hotspots(district, Plan.DEMO);
	}

	/**
	 * The hotspots of a plan, found from the district as {@link #generate} finds them.
	 */
	public static List<Hotspot> hotspots(DemoDistrict district, Plan plan) {
		return Sites.of(district, plan.hotspots()).stream().map(Site::hotspot).toList();
	}

	// ---------------------------------------------------------------- the year

	private List<DemoIncident> generate() {
		List<DemoIncident> incidents = new ArrayList<>(this.plan.incidents());
		List<Site> sites = Sites.of(this.district, this.plan.hotspots());
		int hotspotIncidents = sites.stream().mapToInt((s) -> s.hotspot().incidents()).sum();
		List<String> codes = new ArrayList<>(SPECS.keySet());
		double[] matterCdf = new double[codes.size()];
		double sum = 0;
		for (int i = 0; i < codes.size(); i++) {
			Spec spec = SPECS.get(codes.get(i));
			double[] days = this.dayCdfs.get(spec.season());
			double mean = days[days.length - 1] / this.dayCdfs.get(Season.FLAT)[days.length - 1];
			sum += spec.weight() * mean;
			matterCdf[i] = sum;
		}
		for (int i = 0; i < this.plan.incidents() - hotspotIncidents - this.plan.outside(); i++) {
			String matter = codes.get(pick(matterCdf));
			incidents.add(background(matter, SPECS.get(matter)));
		}
		for (int i = 0; i < this.plan.outside(); i++) {
			String matter;
			do {
				matter = codes.get(pick(matterCdf));
			}
			while (SPECS.get(matter).where() != Where.ANY || SPECS.get(matter).patrol());
			incidents.add(outside(matter, SPECS.get(matter)));
		}
		for (Site site : sites) {
			for (int i = 0; i < site.hotspot().incidents(); i++) {
				incidents.add(hotspot(site));
			}
		}
		incidents.sort(Comparator.comparing(DemoIncident::reportedAt).thenComparing(DemoIncident::trackingCode));
		return List.copyOf(incidents);
	}

	private DemoIncident background(String matter, Spec spec) {
		List<Address> from = switch (spec.where()) {
			case URBAN -> this.urban;
			case RURAL -> this.rural;
			default -> this.district.addresses();
		};
		Address address = from.get(this.random.nextInt(from.size()));
		Coordinate at = null;
		Grid grid = null;
		for (int attempt = 0; attempt < 10 && grid == null; attempt++) {
			at = jitter(address.location().getCoordinate(), 30);
			grid = gridAt(at);
		}
		if (grid == null) {
			at = address.location().getCoordinate();
			grid = this.grids.get(address.gridCode());
		}
		String channel = channel(spec.patrol() ? 0.8 : 0.33);
		double[] hours = channel.equals("grid_worker") ? HOURS_GRID_WORKER
				: matter.equals("noise") ? HOURS_NIGHT : HOURS_RESIDENT;
		Instant reportedAt = reportedAt(spec.season(), hours);
		return incident(matter, spec.reports(), spec.handles(), place(address), addressText(address), channel,
				reportedAt, at, grid);
	}

	private DemoIncident outside(String matter, Spec spec) {
		Polygon outline = largest(this.district.district().geometry());
		Coordinate[] ring = outline.getExteriorRing().getCoordinates();
		Coordinate centre = outline.getCentroid().getCoordinate();
		Coordinate at;
		do {
			int i = this.random.nextInt(ring.length - 1);
			double t = this.random.nextDouble();
			double x = ring[i].x + t * (ring[i + 1].x - ring[i].x);
			double y = ring[i].y + t * (ring[i + 1].y - ring[i].y);
			double dx = (x - centre.x) * Plane.METRES_PER_DEGREE_LON;
			double dy = (y - centre.y) * Plane.METRES_PER_DEGREE_LAT;
			double metres = 40 + 360 * this.random.nextDouble();
			double norm = Math.hypot(dx, dy);
			at = Plane.point(x + Plane.degreesLon(metres * dx / norm), y + Plane.degreesLat(metres * dy / norm))
				.getCoordinate();
		}
		while (this.districtLocator.locate(at) != Location.EXTERIOR);
		String channel = channel(0);
		double[] hours = matter.equals("noise") ? HOURS_NIGHT : HOURS_RESIDENT;
		return incident(matter, spec.reports(), spec.handles(), "滴道区界外道路旁", null, channel,
				reportedAt(spec.season(), hours), at, null);
	}

	private DemoIncident hotspot(Site site) {
		Coordinate at;
		Grid grid;
		do {
			at = site.point(this.random);
			grid = gridAt(at);
		}
		while (grid == null);
		String matter = site.matter(this.random);
		Spec spec = SPECS.get(matter);
		String channel = channel(site.gridWorkerShare());
		double[] hours = site.hours();
		if (hours == null) {
			hours = channel.equals("grid_worker") ? HOURS_GRID_WORKER : HOURS_RESIDENT;
		}
		Instant reportedAt = reportedAt(site.season(), hours);
		String place;
		String address;
		if (site.addresses() != null) {
			Address nearest = nearest(site.addresses(), at);
			place = place(nearest);
			address = addressText(nearest);
		}
		else {
			place = site.place();
			address = site.address();
		}
		String[] reports = site.reports().getOrDefault(matter, spec.reports());
		return incident(matter, reports, spec.handles(), place, address, channel, reportedAt, at, grid);
	}

	// ---------------------------------------------------------------- one incident

	private DemoIncident incident(String matterCode, String[] reports, String[] handles, String place, String address,
			String channel, Instant reportedAt, Coordinate at, Grid grid) {
		Matter matter = this.matters.get(matterCode);
		String department = this.departments.get(matter.departmentCode());
		String worker = (grid != null) ? this.workers.get(grid.code()) : null;
		if (worker == null && channel.equals("grid_worker")) {
			channel = "hotline";
		}
		boolean resident = !channel.equals("grid_worker");
		String reporterName = resident ? this.people.name() : null;
		String reporterPhone = resident ? this.people.mobile() : null;
		String description = text(reports, reportedAt, place, grid != null && grid.type().equals("rural"));
		Instant deadline = reportedAt.plus(Duration.ofHours(matter.timeLimitHours()));
		String dispatcher = this.dispatchers.get(this.random.nextInt(this.dispatchers.size()));

		List<DemoIncident.Event> events = new ArrayList<>();
		events.add(new DemoIncident.Event(reportedAt, "report", null, "reported", resident ? reporterName : worker,
				resident ? "public" : "grid_worker", resident ? null : "巡查发现"));
		String rejectReason = null;
		Integer satisfaction = null;
		double roll = this.random.nextDouble();
		if (roll < 0.04) {
			rejectReason = (roll < 0.012) ? "invalid" : (roll < 0.03) ? "duplicate" : "not_our_matter";
			String note = switch (rejectReason) {
				case "invalid" -> "经网格员现场核实，反映情况不属实";
				case "duplicate" -> "与此前上报的同一事件重复，已合并办理";
				default -> "不属于网格事项准入清单，已告知当事人向相关单位反映";
			};
			events.add(new DemoIncident.Event(after(reportedAt, minutes(10, 360)), "reject", "reported", "rejected",
					dispatcher, "dispatcher", note));
		}
		else {
			double limit = matter.timeLimitHours() * 3600.0;
			double total = (this.random.nextDouble() < 0.85) ? limit * (0.35 + 0.6 * this.random.nextDouble())
					: limit * (1.05 + 1.45 * this.random.nextDouble());
			boolean failed = this.random.nextDouble() < 0.03;
			String[] steps = failed
					? new String[] { "register", "dispatch", "accept", "handle", "fail_verification", "handle",
							"verify", "close" }
					: new String[] { "register", "dispatch", "accept", "handle", "verify", "close" };
			double[] shares = new double[steps.length];
			double sum = 0;
			for (int i = 0; i < steps.length; i++) {
				double base = switch (steps[i]) {
					case "register", "dispatch", "close" -> 0.06;
					case "accept" -> 0.12;
					case "handle" -> (failed && i > 4) ? 0.25 : 0.5;
					default -> 0.14;
				};
				shares[i] = base * (0.5 + this.random.nextDouble());
				sum += shares[i];
			}
			// Recent reports sometimes stall at one step for days: open, often overdue.
			int stalled = -1;
			if (Duration.between(reportedAt, this.end).toDays() < 28 && this.random.nextDouble() < 0.1) {
				stalled = this.random.nextInt(steps.length);
			}
			String verifier = (worker != null) ? worker : dispatcher;
			String verifierRole = (worker != null) ? "grid_worker" : "dispatcher";
			String status = "reported";
			Instant t = reportedAt;
			for (int i = 0; i < steps.length; i++) {
				t = t.plusSeconds(Math.max(30, Math.round(total * shares[i] / sum)));
				if (i == stalled) {
					t = t.plusSeconds(3600L * (12 + this.random.nextInt(600)));
				}
				String to = switch (steps[i]) {
					case "register" -> "registered";
					case "dispatch" -> "dispatched";
					case "accept", "fail_verification" -> "handling";
					case "handle" -> "handled";
					case "verify" -> "verified";
					default -> "closed";
				};
				DemoIncident.Event event = switch (steps[i]) {
					case "register" -> new DemoIncident.Event(t, "register", status, to, dispatcher, "dispatcher",
							"已登记：" + matter.name());
					case "dispatch" -> new DemoIncident.Event(t, "dispatch", status, to, dispatcher, "dispatcher",
							"派单至" + department + "，时限" + limitText(matter.timeLimitHours()));
					case "accept" -> new DemoIncident.Event(t, "accept", status, to, department, "department", "已接单");
					case "handle" -> new DemoIncident.Event(t, "handle", status, to, department, "department",
							handles[this.random.nextInt(handles.length)]);
					case "fail_verification" -> new DemoIncident.Event(t, "fail_verification", status, to, verifier,
							verifierRole, "现场核查问题未彻底解决，退回重办");
					case "verify" ->
						new DemoIncident.Event(t, "verify", status, to, verifier, verifierRole, "现场核查，问题已解决");
					default -> new DemoIncident.Event(t, "close", status, to, dispatcher, "dispatcher", "办结归档");
				};
				events.add(event);
				status = to;
			}
			if (this.random.nextDouble() < 0.8) {
				boolean late = t.isAfter(deadline);
				double r = this.random.nextDouble();
				satisfaction = late ? ((r < 0.3) ? 5 : (r < 0.6) ? 4 : (r < 0.8) ? 3 : (r < 0.92) ? 2 : 1)
						: ((r < 0.6) ? 5 : (r < 0.88) ? 4 : (r < 0.96) ? 3 : (r < 0.985) ? 2 : 1);
				String note = switch (satisfaction) {
					case 5 -> "处理及时，非常满意";
					case 4 -> "问题已解决，比较满意";
					case 3 -> "基本解决，但处理时间较长";
					case 2 -> "不太满意，问题容易反复";
					default -> "不满意，问题没有根本解决";
				};
				events.add(new DemoIncident.Event(after(t, minutes(120, 72 * 60)), "rate", "closed", "closed",
						resident ? reporterName : "回访居民", "public", note));
			}
		}
		// What had happened by the end of the year.
		List<DemoIncident.Event> happened = events.stream().filter((e) -> e.at().isBefore(this.end)).toList();
		DemoIncident.Event last = happened.get(happened.size() - 1);
		String status = last.toStatus();
		Instant closedAt = null;
		if (status.equals("closed")) {
			closedAt = happened.stream().filter((e) -> e.action().equals("close")).findFirst().orElseThrow().at();
		}
		if (!status.equals("rejected")) {
			rejectReason = null;
		}
		if (happened.stream().noneMatch((e) -> e.action().equals("rate"))) {
			satisfaction = null;
		}
		Point point = Plane.point(at.x, at.y);
		String communityCode = (grid != null) ? grid.communityCode() : null;
		return new DemoIncident(trackingCode(reportedAt), matterCode, matter.departmentCode(), description, address,
				channel, status, reportedAt, deadline, closedAt, (grid != null) ? grid.code() : null, communityCode,
				(communityCode != null) ? communityCode.substring(0, 9) : null, worker, point.getX(), point.getY(),
				reporterName, reporterPhone, rejectReason, satisfaction, happened);
	}

	private String text(String[] templates, Instant reportedAt, String place, boolean rural) {
		int month = LocalDate.ofInstant(reportedAt, ZONE).getMonthValue();
		boolean winter = month >= 11 || month <= 3;
		boolean summer = month >= 5 && month <= 9;
		List<String> fitting = new ArrayList<>();
		for (String template : templates) {
			if ((template.startsWith("W:") && !winter) || (template.startsWith("S:") && !summer)) {
				continue;
			}
			fitting.add(template);
		}
		if (fitting.isEmpty()) {
			fitting.addAll(Arrays.asList(templates));
		}
		String template = fitting.get(this.random.nextInt(fitting.size()));
		if (template.startsWith("W:") || template.startsWith("S:")) {
			template = template.substring(2);
		}
		return template.replace("{p}", place)
			.replace("{d}",
					rural ? RURAL_DIRECTIONS[this.random.nextInt(RURAL_DIRECTIONS.length)]
							: DIRECTIONS[this.random.nextInt(DIRECTIONS.length)])
			.replace("{n}", SURNAMES[this.random.nextInt(SURNAMES.length)] + "某");
	}

	private static String limitText(int hours) {
		return (hours < 24) ? hours + "小时" : (hours / 24) + "天";
	}

	private String trackingCode(Instant reportedAt) {
		String prefix = "GM" + DAY.format(reportedAt.atZone(ZONE)) + "-";
		while (true) {
			StringBuilder code = new StringBuilder(prefix);
			for (int i = 0; i < 6; i++) {
				code.append(BASE32.charAt(this.random.nextInt(32)));
			}
			if (this.codes.add(code.toString())) {
				return code.toString();
			}
		}
	}

	// ---------------------------------------------------------------- time

	private static double dayWeight(LocalDate day) {
		double weight = (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) ? 0.7 : 1;
		for (LocalDate festival : SPRING_FESTIVALS) {
			if (!day.isBefore(festival.minusDays(3)) && !day.isAfter(festival.plusDays(5))) {
				weight *= 0.4;
			}
		}
		return weight;
	}

	/**
	 * A report time within the year: day by season and week, hour by the given rhythm.
	 */
	private Instant reportedAt(Season season, double[] hours) {
		double[] cdf = this.dayCdfs.get(season);
		double[] hourCdf = cumulative(hours);
		while (true) {
			LocalDate day = this.days.get(pick(cdf));
			int hour = pick(hourCdf);
			Instant at = day.atTime(hour, this.random.nextInt(60), this.random.nextInt(60)).atZone(ZONE).toInstant();
			if (!at.isBefore(this.start) && at.isBefore(this.end)) {
				return at;
			}
		}
	}

	private Instant after(Instant t, long seconds) {
		return t.plusSeconds(seconds);
	}

	private long minutes(int from, int to) {
		return 60L * (from + this.random.nextInt(to - from + 1));
	}

	private static double[] cumulative(double[] weights) {
		double[] cdf = new double[weights.length];
		double sum = 0;
		for (int i = 0; i < weights.length; i++) {
			sum += weights[i];
			cdf[i] = sum;
		}
		return cdf;
	}

	/** An index drawn with the weights whose running sums are {@code cdf}. */
	private int pick(double[] cdf) {
		double x = this.random.nextDouble() * cdf[cdf.length - 1];
		int i = Arrays.binarySearch(cdf, x);
		i = (i < 0) ? -i - 1 : i + 1;
		while (i < cdf.length - 1 && cdf[i] <= x) {
			i++;
		}
		return Math.min(i, cdf.length - 1);
	}

	// ---------------------------------------------------------------- place

	private String channel(double gridWorkerShare) {
		if (this.random.nextDouble() < gridWorkerShare) {
			return "grid_worker";
		}
		return CHANNELS[pick(cumulative(RESIDENT_CHANNELS))];
	}

	private Coordinate jitter(Coordinate c, double metres) {
		double r = metres * Math.sqrt(this.random.nextDouble());
		double angle = 2 * Math.PI * this.random.nextDouble();
		return Plane.point(c.x + Plane.degreesLon(r * Math.cos(angle)), c.y + Plane.degreesLat(r * Math.sin(angle)))
			.getCoordinate();
	}

	/** The grid whose interior holds {@code c}, {@code null} if none. */
	private Grid gridAt(Coordinate c) {
		for (Object item : this.gridIndex.query(new Envelope(c))) {
			Object[] entry = (Object[]) item;
			if (((IndexedPointInAreaLocator) entry[1]).locate(c) == Location.INTERIOR) {
				return (Grid) entry[0];
			}
		}
		return null;
	}

	/** Compound and building, or the village group, for a description. */
	private static String place(Address address) {
		return address.compound() + ((address.building() != null) ? address.building() : "");
	}

	/** The address down to the building (urban) or house (rural). */
	private static String addressText(Address address) {
		if (address.building() == null) {
			return address.address();
		}
		String text = address.address();
		int at = text.indexOf(address.compound() + address.building());
		return (at < 0) ? text : text.substring(0, at + address.compound().length() + address.building().length());
	}

	private static Address nearest(List<Address> addresses, Coordinate c) {
		Address best = null;
		double distance = Double.MAX_VALUE;
		for (Address address : addresses) {
			double d = address.location().getCoordinate().distance(c);
			if (d < distance) {
				distance = d;
				best = address;
			}
		}
		return best;
	}

	private static Polygon largest(Geometry geometry) {
		Polygon largest = null;
		for (int i = 0; i < geometry.getNumGeometries(); i++) {
			Polygon polygon = (Polygon) geometry.getGeometryN(i);
			if (largest == null || polygon.getArea() > largest.getArea()) {
				largest = polygon;
			}
		}
		return largest;
	}

	static double metresBetween(double lon1, double lat1, double lon2, double lat2) {
		return Math.hypot((lon1 - lon2) * Plane.METRES_PER_DEGREE_LON, (lat1 - lat2) * Plane.METRES_PER_DEGREE_LAT);
	}

	// ---------------------------------------------------------------- hotspots

	/**
	 * A hotspot as the generator uses it: where points fall, which matters, when.
	 */
	private record Site(Hotspot hotspot, List<Address> addresses, String place, String address, Season season,
			double[] hours, double gridWorkerShare, double[] matterShares, Map<String, String[]> reports, Shape shape) {

		String matter(Random random) {
			double x = random.nextDouble();
			for (int i = 0; i < this.matterShares.length; i++) {
				x -= this.matterShares[i];
				if (x < 0) {
					return this.hotspot.matterCodes().get(i);
				}
			}
			return this.hotspot.matterCodes().get(this.matterShares.length - 1);
		}

		Coordinate point(Random random) {
			return this.shape.point(random);
		}

	}

	@FunctionalInterface
	private interface Shape {

		Coordinate point(Random random);

	}

	/** Finding the hotspots in a district. */
	private static final class Sites {

		static List<Site> of(DemoDistrict district, List<HotspotPlan> plans) {
			Map<String, String> names = new HashMap<>();
			district.areas().forEach((a) -> names.put(a.code(), a.name()));
			List<Site> sites = new ArrayList<>();
			for (HotspotPlan plan : plans) {
				String street = names.get(plan.communityCode().substring(0, 9));
				String community = names.get(plan.communityCode());
				sites.add(switch (plan.kind()) {
					case "sewer" -> sewer(district, plan, street);
					case "market" -> market(district, plan, street, community);
					case "charging" -> charging(district, plan, street);
					case "square" -> square(district, plan, street, community);
					default -> throw new IllegalArgumentException("No hotspot kind " + plan.kind());
				});
			}
			return sites;
		}

		/**
		 * Sewer: the central half of the community's largest compound (the demo's: 矿里社区)
		 * shares a failing sewer main.
		 */
		private static Site sewer(DemoDistrict district, HotspotPlan plan, String street) {
			List<Address> compound = largestCompound(district, plan.communityCode());
			Coordinate middle = mean(compound);
			List<Address> central = new ArrayList<>(compound);
			central.sort(Comparator.comparingDouble((Address a) -> distance(a.location().getCoordinate(), middle))
				.thenComparing(Address::address));
			List<Address> sewerBlock = List.copyOf(central.subList(0, Math.max(1, central.size() / 2)));
			Coordinate sewerCentre = mean(sewerBlock);
			String sewerName = compound.get(0).compound();
			return new Site(
					new Hotspot(plan.name(), street + sewerName + "中部楼栋污水主管老化，下水道反复堵塞、井盖冒水",
							List.of("blocked-drain", "manhole-overflow"), point(sewerCentre), 150, plan.incidents()),
					sewerBlock, null, null, Season.RAINY, null, 0.2, new double[] { 0.6, 0.4 },
					Map.of("blocked-drain",
							new String[] { "{p}下水道又堵了，一楼卫生间返水，已经反映多次", "{p}单元下水管道堵塞，污水从地漏冒出", "{p}{d}化粪池满溢，污水流到楼道口" },
							"manhole-overflow", new String[] { "{p}{d}井盖冒水，污水漫到人行道", "{p}{d}井盖又冒水了，臭味很大，老人孩子出行不便" }),
					(random) -> {
						Address a = sewerBlock.get(random.nextInt(sewerBlock.size()));
						return jitterFixed(a.location().getCoordinate(), 30, random);
					});
		}

		/**
		 * Market street: 500 m of a road through the middle of the community (the demo's:
		 * 建设路 in 东兴社区, the 东兴早市).
		 */
		private static Site market(DemoDistrict district, HotspotPlan plan, String street, String community) {
			Coordinate market = mean(addressesOf(district, plan.communityCode()));
			String name = plan.road() + community.replaceFirst("社区$", "") + "早市";
			String marketName = community.replaceFirst("社区$", "") + "早市";
			return new Site(
					new Hotspot(plan.name(), street + name + "：摊贩占道经营、车辆乱停",
							List.of("street-vending", "illegal-parking"), point(market), 260, plan.incidents()),
					null, name, "滴道区" + street + plan.road() + "（" + marketName + "）", Season.SUMMER, HOURS_MARKET,
					0.35, new double[] { 0.55, 0.45 },
					Map.of("street-vending",
							new String[] { "{p}摊贩占道经营，堵塞人行道", "{p}摊位占用机动车道，早高峰通行困难", "{p}商户把货物摆到店外占道经营",
									"S:{p}夜市烧烤摊占道，油烟扰民" },
							"illegal-parking",
							new String[] { "{p}赶集车辆乱停乱放，公交车无法通过", "{p}三轮车和私家车乱停，堵塞消防通道", "{p}路口车辆乱停，行人只能走机动车道" }),
					(random) -> {
						double along = 250 * (2 * random.nextDouble() - 1);
						double across = 8 * random.nextGaussian();
						return Plane.point(market.x + Plane.degreesLon(along), market.y + Plane.degreesLat(across))
							.getCoordinate();
					});
		}

		/**
		 * E-bike charging: 1号楼 of the community's largest compound and the two buildings
		 * nearest to it (the demo's: in 洗煤社区), old workers' housing.
		 */
		private static Site charging(DemoDistrict district, HotspotPlan plan, String street) {
			List<Address> old = largestCompound(district, plan.communityCode());
			Map<String, List<Address>> buildings = new LinkedHashMap<>();
			old.forEach((a) -> buildings.computeIfAbsent(a.building(), (k) -> new ArrayList<>()).add(a));
			Coordinate first = mean(buildings.get("1号楼"));
			List<String> oldNames = buildings.keySet()
				.stream()
				.sorted(Comparator.comparingDouble((String b) -> distance(mean(buildings.get(b)), first))
					.thenComparing(Comparator.naturalOrder()))
				.limit(3)
				.toList();
			List<Address> oldBlocks = old.stream().filter((a) -> oldNames.contains(a.building())).toList();
			return new Site(new Hotspot(plan.name(),
					street + old.get(0).compound() + String.join("、", oldNames) + "（老旧住宅）：飞线充电、楼道电动车充电",
					List.of("flying-cable-charging", "safety-hazard"), point(mean(oldBlocks)), 100, plan.incidents()),
					oldBlocks, null, null, Season.FLAT, null, 0.45, new double[] { 0.85, 0.15 },
					Map.of("safety-hazard", new String[] { "{p}楼道内电动车电池堆放，存在火灾隐患", "{p}{d}私拉电线缠绕在树上，雨天有漏电危险" }),
					(random) -> {
						Address a = oldBlocks.get(random.nextInt(oldBlocks.size()));
						return jitterFixed(a.location().getCoordinate(), 15, random);
					});
		}

		/**
		 * Square dancing: the community's culture square at its mean dwelling (the
		 * demo's: 和平社区), evenings from May to September.
		 */
		private static Site square(DemoDistrict district, HotspotPlan plan, String street, String community) {
			Coordinate square = mean(addressesOf(district, plan.communityCode()));
			return new Site(
					new Hotspot(plan.name(), street + community + "文化广场：广场舞音响噪音扰民", List.of("noise"), point(square), 80,
							plan.incidents()),
					null, community + "文化广场", "滴道区" + street + community + "文化广场", Season.SUMMER, HOURS_NIGHT, 0.1,
					new double[] { 1 },
					Map.of("noise",
							new String[] { "{p}广场舞音响声音过大，晚上九点后仍未停止", "{p}广场舞音箱太吵，孩子无法写作业", "{p}晚上有人在广场放音响唱歌，噪音扰民" }),
					(random) -> {
						double r = 40 * Math.sqrt(random.nextDouble());
						double angle = 2 * Math.PI * random.nextDouble();
						return Plane
							.point(square.x + Plane.degreesLon(r * Math.cos(angle)),
									square.y + Plane.degreesLat(r * Math.sin(angle)))
							.getCoordinate();
					});
		}

		private static List<Address> addressesOf(DemoDistrict district, String communityCode) {
			return district.addresses().stream().filter((a) -> a.gridCode().startsWith(communityCode)).toList();
		}

		private static List<Address> largestCompound(DemoDistrict district, String communityCode) {
			Map<String, List<Address>> compounds = new LinkedHashMap<>();
			for (Address address : addressesOf(district, communityCode)) {
				if (address.building() != null) {
					compounds.computeIfAbsent(address.compound(), (k) -> new ArrayList<>()).add(address);
				}
			}
			return compounds.values()
				.stream()
				.max(Comparator.comparingInt((List<Address> l) -> l.size())
					.thenComparing((l) -> l.get(0).compound(), Comparator.reverseOrder()))
				.orElseThrow();
		}

		private static Coordinate mean(List<Address> addresses) {
			double x = 0;
			double y = 0;
			for (Address address : addresses) {
				x += address.location().getX();
				y += address.location().getY();
			}
			return Plane.point(x / addresses.size(), y / addresses.size()).getCoordinate();
		}

		private static double distance(Coordinate a, Coordinate b) {
			return metresBetween(a.x, a.y, b.x, b.y);
		}

		private static Point point(Coordinate c) {
			return Plane.point(c.x, c.y);
		}

		private static Coordinate jitterFixed(Coordinate c, double metres, Random random) {
			double r = metres * Math.sqrt(random.nextDouble());
			double angle = 2 * Math.PI * random.nextDouble();
			return Plane.point(c.x + Plane.degreesLon(r * Math.cos(angle)), c.y + Plane.degreesLat(r * Math.sin(angle)))
				.getCoordinate();
		}

	}

}
