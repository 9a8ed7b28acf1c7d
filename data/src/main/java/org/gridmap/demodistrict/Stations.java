package org.gridmap.demodistrict;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The 40 service stations: a grid service station 网格服务站 in every urban community and in
 * three villages, eight party-mass posts 党群驿站 and eight 民悦驿站 in urban compounds, and a
 * warm station 暖新驿站 for delivery riders in each street. Each sits at a building of a
 * grid, so it is inside the district and mostly in town.
 */
final class Stations {

	/** A community with its street's name and the dwellings of its grids. */
	record Community(Area area, String streetName, boolean urban, List<List<Address>> gridAddresses) {
	}

	private static final List<String> GRID_STATION_SERVICES = List.of("政策咨询", "事项代办", "矛盾纠纷调解", "网格事件受理");

	private static final List<String> PARTY_POST_SERVICES = List.of("党员活动", "便民服务", "志愿服务", "政策宣传");

	private static final List<String> MINYUE_SERVICES = List.of("便民服务", "法律咨询", "老年人照料", "网格地图查询");

	private static final List<String> WARM_STATION_SERVICES = List.of("饮水热饭", "手机充电", "休息取暖", "应急药箱");

	private final Random random;

	private final People people;

	private final List<Station> stations = new ArrayList<>();

	private Stations(Random random) {
		this.random = random;
		this.people = new People(random);
	}

	static List<Station> place(List<Community> communities, Random random) {
		Stations stations = new Stations(random);
		List<Community> urban = communities.stream().filter(Community::urban).toList();
		List<Community> rural = communities.stream().filter((c) -> !c.urban()).toList();
		for (Community community : urban) {
			stations.add(community, community.area().name() + "网格服务站", "网格服务站", "周一至周五 08:30-17:00",
					GRID_STATION_SERVICES);
		}
		for (int i : new int[] { 0, 3, rural.size() / 2 }) {
			Community village = rural.get(i);
			stations.add(village, village.area().name() + "网格服务站", "网格服务站", "周一至周五 08:30-17:00", GRID_STATION_SERVICES);
		}
		for (int i = 0; i < 8; i++) {
			stations.add(urban.get(2 * i), null, "党群驿站", "每日 08:00-18:00", PARTY_POST_SERVICES);
		}
		for (int i = 0; i < 8; i++) {
			stations.add(urban.get(2 * i + 1), null, "民悦驿站", "每日 08:30-20:00", MINYUE_SERVICES);
		}
		List<String> streets = urban.stream().map(Community::streetName).distinct().toList();
		for (String street : streets) {
			List<Community> inStreet = urban.stream().filter((c) -> c.streetName().equals(street)).toList();
			stations.add(inStreet.get(random.nextInt(inStreet.size())), street + "暖新驿站", "暖新驿站", "全天24小时",
					WARM_STATION_SERVICES);
		}
		return List.copyOf(stations.stations);
	}

	/**
	 * The scaled district's {@code total} stations, placed in this order until there are
	 * enough: a grid service station in every community and village, a warm station in
	 * every urban street, then party-mass posts and 民悦驿站 taking turns over the urban
	 * communities.
	 */
	static List<Station> placeMany(List<Community> communities, int total, Random random) {
		Stations stations = new Stations(random);
		List<Community> urban = communities.stream().filter(Community::urban).toList();
		for (Community community : communities) {
			if (stations.stations.size() < total) {
				stations.add(community, community.area().name() + "网格服务站", "网格服务站", "周一至周五 08:30-17:00",
						GRID_STATION_SERVICES);
			}
		}
		for (String street : urban.stream().map(Community::streetName).distinct().toList()) {
			List<Community> inStreet = urban.stream().filter((c) -> c.streetName().equals(street)).toList();
			if (stations.stations.size() < total) {
				stations.add(inStreet.get(random.nextInt(inStreet.size())), street + "暖新驿站", "暖新驿站", "全天24小时",
						WARM_STATION_SERVICES);
			}
		}
		for (int i = 0; stations.stations.size() < total; i++) {
			Community community = urban.get(i % urban.size());
			if (i % 2 == 0) {
				stations.add(community, null, "党群驿站", "每日 08:00-18:00", PARTY_POST_SERVICES);
			}
			else {
				stations.add(community, null, "民悦驿站", "每日 08:30-20:00", MINYUE_SERVICES);
			}
		}
		return List.copyOf(stations.stations);
	}

	/**
	 * A station at a random building of the community; named after its compound if no
	 * name.
	 */
	private void add(Community community, String name, String type, String hours, List<String> services) {
		List<List<Address>> grids = community.gridAddresses();
		List<Address> addresses = grids.get(this.random.nextInt(grids.size()));
		Address at = addresses.get(this.random.nextInt(addresses.size()));
		String address = (at.building() != null) ? "滴道区" + community.streetName() + at.compound() + at.building() + "一层"
				: at.address();
		String code = String.format("ST%03d", this.stations.size() + 1);
		this.stations.add(new Station(code, (name != null) ? name : at.compound() + type, type, address, hours,
				this.people.landline(), services, at.location()));
	}

}
