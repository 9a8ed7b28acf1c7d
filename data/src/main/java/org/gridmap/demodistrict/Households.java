package org.gridmap.demodistrict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * The dwellings of a grid. Urban grids hold residential compounds 小区 of multi-storey
 * buildings (address down to unit and flat), special grids the staff dormitories of an
 * industrial park, rural grids the houses of village groups 村民小组. Every dwelling lies
 * strictly inside its grid after rounding, a few metres from its building or around its
 * group's centre.
 */
final class Households {

	/** Where a grid sits in the hierarchy, for its addresses. */
	record Place(String gridCode, String streetName, String communityName, MultiPolygon geometry) {
	}

	private static final String[] COMPOUND_PREFIXES = ("幸福 阳光 和平 建设 新华 金色 龙湖 东兴 矿工 煤城 惠民 安居 祥和 "
			+ "富民 兴业 锦绣 丽景 春华 秋实 怡和 康乐 福瑞 泰和 鑫源 北辰 翠湖 长青 佳和 民生 宏达 顺发 金山 银河 丰泽 明珠 康居 瑞丰 " + "滨河 南山 学府")
		.split(" ");

	private static final String[] COMPOUND_SUFFIXES = { "小区", "家园", "花园", "新村", "佳苑", "雅居", "名苑", "嘉园" };

	private static final String[] DORMITORIES = { "煤化工产业园职工公寓", "石墨产业园职工宿舍", "经济开发区员工公寓", "物流园区职工宿舍" };

	private static final int[] FLOORS = { 5, 6, 6, 6, 7, 7, 11, 18 };

	private final Random random;

	private final List<String> compoundNames;

	private int compoundsNamed;

	private int dormitories;

	Households(Random random) {
		this.random = random;
		List<String> names = new ArrayList<>();
		for (String prefix : COMPOUND_PREFIXES) {
			for (String suffix : COMPOUND_SUFFIXES) {
				names.add(prefix + suffix);
			}
		}
		Collections.shuffle(names, random);
		this.compoundNames = names;
	}

	/**
	 * The next compound name: the shuffled names first; past them (only the scaled
	 * district gets there) the same names again as later phases, 幸福小区二期, 幸福小区三期 …, so
	 * that names, and with them addresses, stay unique.
	 */
	private String nextCompoundName() {
		int n = this.compoundsNamed++;
		String name = this.compoundNames.get(n % this.compoundNames.size());
		int phase = n / this.compoundNames.size() + 1;
		return (phase == 1) ? name : name + People.numeral(phase) + "期";
	}

	/**
	 * The dwellings of one grid of the given type ({@code urban}, {@code special}, else
	 * rural); rural compounds are numbered on from {@code villageGroup}.
	 */
	List<Address> dwellings(Place place, String type, int households, int villageGroup) {
		return switch (type) {
			case "urban" -> urban(place, households);
			case "special" -> special(place, households);
			default -> rural(place, households, villageGroup);
		};
	}

	/** Compounds of 5- to 18-storey buildings, two flats a landing. */
	List<Address> urban(Place place, int households) {
		int compounds = (households < 380) ? 1 + this.random.nextInt(2) : 2 + this.random.nextInt(2);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < compounds; i++) {
			names.add(nextCompoundName());
		}
		return buildings(place, households, names, FLOORS);
	}

	/** Dormitory blocks of an industrial park. */
	List<Address> special(Place place, int households) {
		String name = DORMITORIES[this.dormitories++ % DORMITORIES.length];
		return buildings(place, households, List.of(name), new int[] { 4, 5 });
	}

	private List<Address> buildings(Place place, int households, List<String> compounds, int[] floorChoices) {
		Sampler sampler = new Sampler(place.geometry());
		List<int[]> buildings = new ArrayList<>(); // floors, units
		for (int planned = 0; planned < households;) {
			int floors = floorChoices[this.random.nextInt(floorChoices.length)];
			int units = (floors > 10) ? 1 + this.random.nextInt(2) : 2 + this.random.nextInt(3);
			buildings.add(new int[] { floors, units });
			planned += floors * units * 2;
		}
		List<Address> addresses = new ArrayList<>(households);
		Coordinate centre = null;
		int number = 0;
		for (int b = 0; b < buildings.size(); b++) {
			int compound = b * compounds.size() / buildings.size();
			if (b == 0 || compound != (b - 1) * compounds.size() / buildings.size()) {
				centre = sampler.anywhere(40);
				number = 0;
			}
			number++;
			String compoundName = compounds.get(compound);
			String building = number + "号楼";
			Coordinate site = sampler.near(centre, 150, 10);
			int floors = buildings.get(b)[0];
			int units = buildings.get(b)[1];
			for (int unit = 1; unit <= units; unit++) {
				for (int floor = 1; floor <= floors; floor++) {
					for (int flat = 1; flat <= 2 && addresses.size() < households; flat++) {
						String text = "滴道区" + place.streetName() + compoundName + building + unit + "单元"
								+ (floor * 100 + flat) + "室";
						Coordinate at = sampler.near(site, 8, 0);
						addresses.add(new Address(text, compoundName, building, 1, place.gridCode(),
								Plane.point(at.x, at.y)));
					}
				}
			}
		}
		return addresses;
	}

	/**
	 * Houses of village groups numbered on from {@code firstGroup} (groups are counted
	 * per village), about 140 households a group.
	 */
	List<Address> rural(Place place, int households, int firstGroup) {
		Sampler sampler = new Sampler(place.geometry());
		int groups = Math.max(1, Math.round(households / 140f));
		List<Address> addresses = new ArrayList<>(households);
		for (int g = 0; g < groups; g++) {
			int size = households * (g + 1) / groups - households * g / groups;
			String compound = place.communityName() + People.numeral(firstGroup + g) + "组";
			Coordinate centre = sampler.anywhere(150);
			for (int house = 1; house <= size; house++) {
				String text = "滴道区" + place.streetName() + compound + house + "号";
				Coordinate at = sampler.near(centre, 250, 0);
				addresses.add(new Address(text, compound, null, 1, place.gridCode(), Plane.point(at.x, at.y)));
			}
		}
		return addresses;
	}

	/**
	 * Business premises among a grid's dwellings, for the scaled district: street-level
	 * shops 底商 of a building (urban) or a shop by a house of a village group (rural),
	 * numbered per building or group, a few metres from a dwelling and with no
	 * households.
	 */
	List<Address> shops(Place place, List<Address> dwellings, int count) {
		Sampler sampler = new Sampler(place.geometry());
		Map<String, Integer> numbers = new HashMap<>();
		List<Address> shops = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Address next = dwellings.get(this.random.nextInt(dwellings.size()));
			String at = next.compound() + ((next.building() != null) ? next.building() : "");
			int number = numbers.merge(at, 1, Integer::sum);
			String text = "滴道区" + place.streetName() + at + ((next.building() != null) ? "底商" : "商铺") + number + "号";
			Coordinate c = sampler.near(next.location().getCoordinate(), (next.building() != null) ? 12 : 40, 0);
			shops.add(new Address(text, next.compound(), next.building(), 0, place.gridCode(), Plane.point(c.x, c.y)));
		}
		return shops;
	}

	/** Random rounded points strictly inside one grid. */
	private final class Sampler {

		private final IndexedPointInAreaLocator locator;

		private final Envelope envelope;

		Sampler(MultiPolygon grid) {
			this.locator = new IndexedPointInAreaLocator(grid);
			this.envelope = grid.getEnvelopeInternal();
		}

		/**
		 * A point with {@code margin} metres of the grid around it, if the grid allows.
		 */
		Coordinate anywhere(double margin) {
			for (int attempt = 0;; attempt++) {
				double m = (attempt < 200) ? margin : (attempt < 400) ? margin / 4 : 0;
				Coordinate c = new Coordinate(
						this.envelope.getMinX() + Households.this.random.nextDouble() * this.envelope.getWidth(),
						this.envelope.getMinY() + Households.this.random.nextDouble() * this.envelope.getHeight());
				Plane.PRECISION.makePrecise(c);
				if (inside(c, m)) {
					return c;
				}
			}
		}

		/**
		 * A point within {@code radius} metres of {@code centre} (an interior point),
		 * with {@code margin} metres of the grid around it; {@code centre} itself if none
		 * is found.
		 */
		Coordinate near(Coordinate centre, double radius, double margin) {
			for (int attempt = 0; attempt < 50; attempt++) {
				double r = radius * Math.sqrt(Households.this.random.nextDouble());
				double angle = 2 * Math.PI * Households.this.random.nextDouble();
				Coordinate c = new Coordinate(centre.x + Plane.degreesLon(r * Math.cos(angle)),
						centre.y + Plane.degreesLat(r * Math.sin(angle)));
				Plane.PRECISION.makePrecise(c);
				if (inside(c, margin)) {
					return c;
				}
			}
			return centre;
		}

		private boolean inside(Coordinate c, double margin) {
			if (this.locator.locate(c) != Location.INTERIOR) {
				return false;
			}
			if (margin == 0) {
				return true;
			}
			double dx = Plane.degreesLon(margin);
			double dy = Plane.degreesLat(margin);
			return this.locator.locate(new Coordinate(c.x + dx, c.y)) == Location.INTERIOR
					&& this.locator.locate(new Coordinate(c.x - dx, c.y)) == Location.INTERIOR
					&& this.locator.locate(new Coordinate(c.x, c.y + dy)) == Location.INTERIOR
					&& this.locator.locate(new Coordinate(c.x, c.y - dy)) == Location.INTERIOR;
		}

	}

}
