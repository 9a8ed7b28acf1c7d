package org.gridmap.demodistrict;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Location;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentGeneratorTests {

	private static DemoDistrict district;

	private static List<DemoIncident> incidents;

	private static List<DemoIncident> again;

	@BeforeAll
	static void generate() {
		district = DemoDistrictGenerator.generate(DemoDistrictGenerator.DEFAULT_SEED);
		incidents = IncidentGenerator.generate(district, DemoDistrictGenerator.DEFAULT_SEED,
				IncidentGenerator.DEFAULT_END);
		again = IncidentGenerator.generate(district, DemoDistrictGenerator.DEFAULT_SEED, IncidentGenerator.DEFAULT_END);
	}

	@Test
	void aboutThirtyThousandInOneYear() {
		assertThat(incidents).hasSizeBetween(29_000, 31_000);
		Instant start = IncidentGenerator.DEFAULT_END.minus(Duration.ofDays(365));
		assertThat(incidents).allSatisfy((incident) -> {
			assertThat(incident.reportedAt()).isAfterOrEqualTo(start).isBefore(IncidentGenerator.DEFAULT_END);
		});
	}

	@Test
	void sameSeedAndEndGiveTheSameIncidents() {
		assertThat(again).isEqualTo(incidents);
		assertThat(IncidentGenerator.generate(district, 7, IncidentGenerator.DEFAULT_END)).isNotEqualTo(incidents);
	}

	@Test
	void trackingCodesAreWellFormedAndUnique() {
		Set<String> codes = new HashSet<>();
		for (DemoIncident incident : incidents) {
			assertThat(incident.trackingCode()).matches("GM\\d{8}-[A-Z0-9]{6}").matches("^[A-Z0-9-]{6,40}$");
			assertThat(codes.add(incident.trackingCode())).as(incident.trackingCode()).isTrue();
		}
	}

	@Test
	void fieldsFitTheSchema() {
		Map<String, Matter> matters = district.matters()
			.stream()
			.collect(Collectors.toMap(Matter::code, Function.identity()));
		Set<String> channels = Set.of("app", "wechat", "hotline", "grid_worker", "open311", "other");
		for (DemoIncident incident : incidents) {
			Matter matter = matters.get(incident.matterCode());
			assertThat(matter).as(incident.matterCode()).isNotNull();
			assertThat(incident.departmentCode()).isEqualTo(matter.departmentCode());
			assertThat(incident.description()).isNotBlank().hasSizeLessThanOrEqualTo(4000).doesNotContain("{");
			assertThat(incident.address() == null || incident.address().length() <= 300).isTrue();
			assertThat(incident.channel()).isIn(channels);
			boolean resident = !incident.channel().equals("grid_worker");
			assertThat(incident.reporterName() != null).isEqualTo(resident);
			assertThat(incident.reporterPhone() != null).isEqualTo(resident);
			if (resident) {
				assertThat(incident.reporterPhone()).matches("^[0-9+() -]{3,30}$");
			}
			assertThat(incident.deadline())
				.isEqualTo(incident.reportedAt().plus(Duration.ofHours(matter.timeLimitHours())));
			assertThat(incident.closedAt() != null).isEqualTo(incident.status().equals("closed"));
			assertThat(incident.rejectReason() != null).isEqualTo(incident.status().equals("rejected"));
			if (incident.satisfaction() != null) {
				assertThat(incident.satisfaction()).isBetween(1, 5);
				assertThat(incident.status()).isEqualTo("closed");
			}
		}
	}

	@Test
	void everyGridContainsItsIncidents() {
		Map<String, IndexedPointInAreaLocator> locators = new HashMap<>();
		Map<String, Grid> grids = new HashMap<>();
		for (Grid grid : district.grids()) {
			locators.put(grid.code(), new IndexedPointInAreaLocator(grid.geometry()));
			grids.put(grid.code(), grid);
		}
		IndexedPointInAreaLocator districtLocator = new IndexedPointInAreaLocator(district.district().geometry());
		int outside = 0;
		for (DemoIncident incident : incidents) {
			Coordinate c = new Coordinate(incident.lon(), incident.lat());
			if (incident.gridCode() == null) {
				outside++;
				assertThat(districtLocator.locate(c)).isEqualTo(Location.EXTERIOR);
				assertThat(incident.assignedWorker()).isNull();
				continue;
			}
			assertThat(locators.get(incident.gridCode()).locate(c)).as(incident.trackingCode())
				.isEqualTo(Location.INTERIOR);
			Grid grid = grids.get(incident.gridCode());
			assertThat(incident.communityCode()).isEqualTo(grid.communityCode());
			assertThat(incident.streetCode()).isEqualTo(grid.communityCode().substring(0, 9));
			assertThat(incident.assignedWorker()).isNotNull();
		}
		assertThat(outside).isBetween(50, 300);
	}

	@Test
	void timelinesAreConsistent() {
		for (DemoIncident incident : incidents) {
			List<DemoIncident.Event> events = incident.events();
			assertThat(events.get(0).action()).isEqualTo("report");
			assertThat(events.get(0).fromStatus()).isNull();
			assertThat(events.get(0).toStatus()).isEqualTo("reported");
			assertThat(events.get(0).at()).isEqualTo(incident.reportedAt());
			for (int i = 1; i < events.size(); i++) {
				DemoIncident.Event before = events.get(i - 1);
				DemoIncident.Event event = events.get(i);
				assertThat(event.fromStatus()).as(incident.trackingCode()).isEqualTo(before.toStatus());
				assertThat(event.at()).as(incident.trackingCode()).isAfterOrEqualTo(before.at());
				assertThat(event.at()).isBefore(IncidentGenerator.DEFAULT_END);
				assertThat(event.actor()).isNotBlank().hasSizeLessThanOrEqualTo(100);
			}
			assertThat(events.get(events.size() - 1).toStatus()).isEqualTo(incident.status());
			if (incident.closedAt() != null) {
				assertThat(events.stream().filter((e) -> e.action().equals("close")).findFirst().orElseThrow().at())
					.isEqualTo(incident.closedAt());
			}
			assertThat(incident.satisfaction() != null)
				.isEqualTo(events.stream().anyMatch((e) -> e.action().equals("rate")));
		}
	}

	@Test
	void mostAreClosedOnTimeAndRecentOnesAreOpenInEveryState() {
		Map<String, Long> statuses = incidents.stream()
			.collect(Collectors.groupingBy(DemoIncident::status, Collectors.counting()));
		assertThat(statuses.get("closed")).isBetween(incidents.size() * 90L / 100, incidents.size() * 96L / 100);
		assertThat(statuses.get("rejected")).isBetween(incidents.size() * 2L / 100, incidents.size() * 6L / 100);
		assertThat(statuses.keySet()).contains("reported", "registered", "dispatched", "handling", "handled",
				"verified");
		Instant recent = IncidentGenerator.DEFAULT_END.minus(Duration.ofDays(28));
		assertThat(incidents).filteredOn((i) -> !Set.of("closed", "rejected").contains(i.status()))
			.allSatisfy((i) -> assertThat(i.reportedAt()).isAfter(recent));
		List<DemoIncident> closed = incidents.stream().filter((i) -> i.closedAt() != null).toList();
		long onTime = closed.stream().filter((i) -> !i.closedAt().isAfter(i.deadline())).count();
		assertThat((double) onTime / closed.size()).isBetween(0.8, 0.9);
		long rated = closed.stream().filter((i) -> i.satisfaction() != null).count();
		assertThat((double) rated / closed.size()).isBetween(0.7, 0.85);
		long happy = closed.stream().filter((i) -> i.satisfaction() != null && i.satisfaction() >= 4).count();
		assertThat((double) happy / rated).isGreaterThan(0.7);
	}

	@Test
	void channelsAreMostlyGridWorkersAndTheHotline() {
		Map<String, Long> channels = incidents.stream()
			.collect(Collectors.groupingBy(DemoIncident::channel, Collectors.counting()));
		assertThat((double) channels.get("grid_worker") / incidents.size()).isBetween(0.35, 0.45);
		assertThat((double) channels.get("hotline") / incidents.size()).isBetween(0.2, 0.3);
	}

	@Test
	void winterMattersPeakInWinterAndSummerMattersInSummer() {
		assertThat(share(IncidentGenerator.WINTER_MATTERS, Set.of(12, 1, 2)))
			.isGreaterThan(1.5 * share(IncidentGenerator.WINTER_MATTERS, Set.of(6, 7, 8)));
		assertThat(share(IncidentGenerator.SUMMER_MATTERS, Set.of(6, 7, 8)))
			.isGreaterThan(1.5 * share(IncidentGenerator.SUMMER_MATTERS, Set.of(12, 1, 2)));
	}

	@Test
	void weekendsAreQuieter() {
		Map<Boolean, Long> byWeekend = incidents.stream()
			.collect(Collectors.partitioningBy(
					(i) -> LocalDate.ofInstant(i.reportedAt(), IncidentGenerator.ZONE).getDayOfWeek().getValue() >= 6,
					Collectors.counting()));
		// Per day: two weekend days against five weekdays.
		assertThat(byWeekend.get(true) / 2.0).isLessThan(0.85 * byWeekend.get(false) / 5.0);
	}

	@Test
	void theSewerHotspotIsGenuine() {
		IncidentGenerator.Hotspot sewer = IncidentGenerator.hotspots(district)
			.stream()
			.filter((h) -> h.name().equals("sewer"))
			.findFirst()
			.orElseThrow();
		long near = incidents.stream()
			.filter((i) -> sewer.matterCodes().contains(i.matterCode()))
			.filter((i) -> IncidentGenerator.metresBetween(i.lon(), i.lat(), sewer.centre().getX(),
					sewer.centre().getY()) <= 150)
			.count();
		assertThat(near).isGreaterThanOrEqualTo(200);
	}

	@Test
	void everyHotspotStandsOut() {
		for (IncidentGenerator.Hotspot hotspot : IncidentGenerator.hotspots(district)) {
			long near = incidents.stream()
				.filter((i) -> hotspot.matterCodes().contains(i.matterCode()))
				.filter((i) -> IncidentGenerator.metresBetween(i.lon(), i.lat(), hotspot.centre().getX(),
						hotspot.centre().getY()) <= hotspot.radiusMetres())
				.count();
			assertThat(near).as(hotspot.name()).isGreaterThanOrEqualTo(hotspot.incidents() * 9L / 10);
		}
	}

	private static double share(Set<String> matters, Set<Integer> months) {
		List<DemoIncident> inMonths = incidents.stream()
			.filter((i) -> months.contains(LocalDate.ofInstant(i.reportedAt(), IncidentGenerator.ZONE).getMonthValue()))
			.toList();
		return (double) inMonths.stream().filter((i) -> matters.contains(i.matterCode())).count() / inMonths.size();
	}

}
