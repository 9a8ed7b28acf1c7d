package org.gridmap.demodistrict;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed texts of the demo: the 12 departments pooled by the district, the 43 matters
 * of the admitted-matters list with the per-department counts of the source article
 * (political and legal 8, united front 3, petitions 2, police 4, civil affairs 10,
 * justice 4, health 3, emergency 1, fire 1, women's federation 1, human resources 6;
 * housing owns none), and the duties written on a notice board.
 */
final class Catalogue {

	/** The six core duties of a grid worker. */
	static final String GRID_DUTIES = "基础信息采集；社情民意收集；政策法规宣传；安全隐患排查；矛盾纠纷调解；特殊人群关爱";

	static final String GRID_HEAD_DUTIES = "统筹社区网格工作，督导网格员履职，协调解决网格内重大事项";

	static final String FULL_TIME_DUTIES = "负责网格内基础信息采集、社情民意收集、政策宣传、安全隐患排查、矛盾纠纷调解和特殊人群关爱，及时上报网格事件";

	static final String PART_TIME_DUTIES = "协助专职网格员入户走访、采集信息、排查隐患，发现问题及时报告";

	static final String PARTY_LEADER_DUTIES = "组织网格内党员开展活动，联系服务群众，发挥党员先锋模范作用";

	static final String POLICE_DUTIES = "负责网格内治安巡查、矛盾纠纷化解和法治宣传（警网融合）";

	static final String PROPERTY_DUTIES = "负责小区物业服务、设施设备维护和环境卫生，协助处理物业问题";

	static final String MEDIATOR_DUTIES = "负责网格内矛盾纠纷排查调处，引导群众依法表达诉求";

	private Catalogue() {
	}

	static List<Department> departments() {
		return List.of(
				new Department("political-legal", "区委政法委", "Political and Legal Affairs Commission", "0467-2321001"),
				new Department("united-front", "区委统战部", "United Front Work Department", "0467-2321002"),
				new Department("petitions", "区信访局", "Petitions Bureau", "0467-2321003"),
				new Department("police", "鸡西市公安局滴道分局", "Didao Public Security Sub-bureau", "0467-2321110"),
				new Department("civil-affairs", "区民政局", "Civil Affairs Bureau", "0467-2321005"),
				new Department("justice", "区司法局", "Justice Bureau", "0467-2321006"),
				new Department("health", "区卫生健康局", "Health Commission", "0467-2321007"),
				new Department("emergency", "区应急管理局", "Emergency Management Bureau", "0467-2321008"),
				new Department("fire", "滴道区消防救援大队", "Fire and Rescue Brigade", "0467-2321119"),
				new Department("womens-federation", "区妇联", "Women's Federation", "0467-2321010"),
				new Department("human-resources", "区人力资源和社会保障局", "Human Resources and Social Security Bureau",
						"0467-2321011"),
				new Department("housing", "区住房和城乡建设局", "Housing and Urban-Rural Development Bureau", "0467-2321012"));
	}

	static List<Matter> matters() {
		List<Matter> matters = new ArrayList<>();
		String d = "political-legal";
		add(matters, d, "dispute", "矛盾纠纷", "Neighbourhood dispute", "medium", "邻里、家庭、物业等矛盾纠纷的排查与调处");
		add(matters, d, "manhole-overflow", "井盖冒水", "Manhole overflowing", "small", "井盖冒水、缺失或破损，影响通行安全");
		add(matters, d, "blocked-drain", "下水道堵塞", "Blocked drain", "small", "楼道或街路下水管道堵塞、返水");
		add(matters, d, "sanitation-blackspot", "卫生死角", "Sanitation black spot", "medium", "垃圾堆积、卫生死角长期无人清理");
		add(matters, d, "street-vending", "占道经营", "Street vending on the roadway", "small", "摊贩占用道路、人行道经营");
		add(matters, d, "property-dispute", "物业纠纷", "Property management dispute", "medium", "物业服务质量、收费等引发的纠纷");
		add(matters, d, "water-supply", "上下水故障", "Water supply or drainage fault", "medium", "居民楼上水停水、下水不畅等问题");
		add(matters, d, "elevator-fault", "电梯故障", "Elevator fault", "small", "电梯停运、困人或运行异常");
		d = "united-front";
		add(matters, d, "religious-venue", "宗教活动场所情况", "Religious venue report", "medium", "网格内宗教活动场所及活动情况报告");
		add(matters, d, "ethnic-unity", "民族团结事务", "Ethnic unity matter", "medium", "涉及少数民族群众的服务与团结事务");
		add(matters, d, "private-sector-liaison", "非公经济人士联系服务", "Liaison with private-sector representatives",
				"complex", "联系服务非公有制经济人士和新的社会阶层人士");
		d = "petitions";
		add(matters, d, "petition-lead", "信访线索", "Petition lead", "medium", "群众反映的信访诉求线索报告");
		add(matters, d, "group-petition-risk", "群体性上访苗头", "Early sign of a group petition", "small", "可能引发群体性上访的苗头性问题");
		d = "police";
		add(matters, d, "noise", "噪音扰民", "Noise nuisance", "small", "装修、娱乐、商业经营等噪音扰民");
		add(matters, d, "illegal-parking", "车辆乱停", "Illegal parking", "small", "车辆乱停乱放，堵塞消防通道或出入口");
		add(matters, d, "public-order", "治安隐患", "Public order risk", "small", "可疑人员、治安隐患线索");
		add(matters, d, "rental-registration", "出租房屋和流动人口登记", "Rental housing and migrant registration", "medium",
				"出租房屋及流动人口信息采集登记");
		d = "civil-affairs";
		add(matters, d, "elderly-alone", "独居老人探访", "Visit to elderly living alone", "medium", "独居、空巢老人定期探访和帮扶需求");
		add(matters, d, "subsistence-allowance", "低保申请", "Subsistence allowance application", "complex",
				"最低生活保障申请与入户核查");
		add(matters, d, "temporary-assistance", "临时救助", "Temporary assistance", "medium", "遭遇突发困难家庭的临时救助");
		add(matters, d, "disability-subsidy", "残疾人两项补贴", "Disability subsidies", "complex", "困难残疾人生活补贴和重度残疾人护理补贴");
		add(matters, d, "left-behind-children", "留守儿童关爱", "Care for left-behind children", "medium", "农村留守儿童、困境儿童关爱服务");
		add(matters, d, "old-age-allowance", "高龄津贴", "Old-age allowance", "complex", "高龄老人津贴申领");
		add(matters, d, "home-elderly-care", "居家养老服务", "Home-based elderly care", "medium", "居家和社区养老服务需求");
		add(matters, d, "homeless-assistance", "流浪乞讨人员救助", "Help for homeless people", "small", "流浪乞讨人员发现与救助");
		add(matters, d, "funeral-management", "殡葬管理", "Funeral management", "medium", "乱埋乱葬、丧事扰民等殡葬管理问题");
		add(matters, d, "community-organisation", "社会组织服务", "Community organisation services", "medium", "社区社会组织登记与服务");
		d = "justice";
		add(matters, d, "legal-aid", "法律援助", "Legal aid", "complex", "困难群众法律援助申请");
		add(matters, d, "legal-consultation", "法律咨询", "Legal consultation", "medium", "婚姻、继承、劳动等法律问题咨询");
		add(matters, d, "people-mediation", "人民调解", "People's mediation", "medium", "由人民调解委员会调处的纠纷");
		add(matters, d, "community-correction", "社区矫正人员帮扶", "Community correction support", "medium", "社区矫正和安置帮教对象的帮扶");
		d = "health";
		add(matters, d, "epidemic-report", "传染病疫情报告", "Infectious disease report", "small", "发现传染病疫情或聚集性病例线索");
		add(matters, d, "family-doctor", "家庭医生签约", "Family doctor contract", "medium", "家庭医生签约与上门服务需求");
		add(matters, d, "vector-control", "病媒生物防制", "Pest and vector control", "medium", "鼠、蚊、蝇、蟑螂等病媒生物防制");
		add(matters, "emergency", "safety-hazard", "安全隐患", "Safety hazard", "small", "燃气、危房、塌陷区等安全隐患");
		add(matters, "fire", "flying-cable-charging", "飞线充电", "Illegal e-bike charging cable", "small",
				"楼道停放电动车、私拉电线充电等消防隐患");
		add(matters, "womens-federation", "domestic-violence", "家庭暴力", "Domestic violence", "small", "家庭暴力求助与妇女儿童权益维护");
		d = "human-resources";
		add(matters, d, "wage-arrears", "拖欠工资", "Unpaid wages", "medium", "拖欠农民工及劳动者工资");
		add(matters, d, "employment-service", "就业服务", "Employment service", "medium", "求职登记、岗位推荐和就业援助");
		add(matters, d, "unemployment-registration", "失业登记", "Unemployment registration", "medium", "失业登记和失业保险金申领");
		add(matters, d, "pension-insurance", "养老保险参保", "Pension insurance enrolment", "complex", "城乡居民养老保险参保缴费");
		add(matters, d, "medical-insurance", "居民医保缴费", "Resident medical insurance", "medium", "城乡居民医疗保险参保缴费");
		add(matters, d, "skills-training", "职业技能培训", "Vocational skills training", "complex", "职业技能培训报名与补贴");
		return List.copyOf(matters);
	}

	private static void add(List<Matter> matters, String department, String code, String name, String nameEn,
			String tier, String description) {
		int hours = switch (tier) {
			case "small" -> 2;
			case "medium" -> 48;
			default -> 168;
		};
		matters.add(new Matter(code, name, nameEn, department, tier, hours, description));
	}

}
