package org.gridmap.assessment;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridmap.Fixtures;
import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The assessment tables over HTTP: figures worked out by hand on a constructed fixture
 * (fixtures/assessment-incidents.sql, September 2002 against August), consistency with
 * the demo year counted directly in SQL, CSV export, and bad input as 400 problems.
 */
class AssessmentApiTest extends IntegrationTest {

	/**
	 * The fixture's period: September 2002, Beijing time; the previous one is 30 days.
	 */
	static final String FIXTURE_PERIOD = "from=2002-09-01&to=2002-10-01";

	static final String GRID_A = "230304001001001";

	static final String GRID_B = "230304001001002";

	/** October 2026, the last month of the demo year. */
	static final String DEMO_MONTH = "from=2026-10-01&to=2026-11-01";

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	@BeforeEach
	void constructedIncidents() {
		Fixtures.load(this.db, "assessment-incidents.sql");
	}

	private JsonNode get(String path) {
		return this.json.readTree(this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private static JsonNode row(JsonNode table, String code) {
		for (JsonNode row : table.get("rows")) {
			if (code.equals(row.get("unit").get("code").asString())) {
				return row;
			}
		}
		throw new AssertionError("no row " + code);
	}

	private static List<String> indicators(JsonNode row) {
		List<String> names = new ArrayList<>();
		row.get("reasons").forEach((reason) -> names.add(reason.get("indicator").asString()));
		return names;
	}

	private long count(String sql) {
		return this.db.sql(sql).map((r, m) -> r.get(0, Long.class)).one().block();
	}

	// ------------------------------------------------------------ the constructed
	// fixture

	@Test
	void aGridsFiguresAreTheOnesWorkedOutByHand() {
		JsonNode table = get("/api/v1/stats/grids?" + FIXTURE_PERIOD);
		assertThat(table.get("from").asString()).isEqualTo("2002-08-31T16:00:00Z");
		assertThat(table.get("to").asString()).isEqualTo("2002-09-30T16:00:00Z");
		assertThat(table.get("previousFrom").asString()).isEqualTo("2002-08-01T16:00:00Z");
		JsonNode a = row(table, GRID_A);
		JsonNode now = a.get("current");
		// A1–A7: A4 rejected; A6 handling (not yet due), A7 registered and overdue.
		assertThat(now.get("reports").asLong()).isEqualTo(7);
		assertThat(now.get("rejected").asLong()).isEqualTo(1);
		assertThat(now.get("registered").asLong()).isEqualTo(6);
		assertThat(now.get("registeredShare").asDouble()).isEqualTo(0.8571); // 6/7
		assertThat(now.get("closed").asLong()).isEqualTo(4); // A1, A2, A3, A5
		assertThat(now.get("closureRate").asDouble()).isEqualTo(0.6667); // 4/6
		assertThat(now.get("due").asLong()).isEqualTo(5); // the closed ones and A7
		assertThat(now.get("onTime").asLong()).isEqualTo(2); // A1 24 h, A2 36 h of 48 h
		assertThat(now.get("onTimeRate").asDouble()).isEqualTo(0.4);
		assertThat(now.get("medianHoursToClose").asDouble()).isEqualTo(54.0); // 24, 36,
																				// 72, 72
		assertThat(now.get("reopened").asLong()).isEqualTo(1); // A5
		assertThat(now.get("reopenRate").asDouble()).isEqualTo(0.25);
		assertThat(now.get("rated").asLong()).isEqualTo(3);
		assertThat(now.get("meanRating").asDouble()).isEqualTo(3.67); // (5 + 4 + 2) / 3
		assertThat(now.get("satisfiedShare").asDouble()).isEqualTo(0.6667);
		// Red: on-time 40 % < 70 % and closure 66.7 % < 80 %; satisfaction rests on 3
		// ratings, fewer than the 5 an indicator needs.
		assertThat(a.get("rating").asString()).isEqualTo("red");
		assertThat(indicators(a)).containsExactly("onTimeRate", "closureRate");
		// August: P1 closed in 24 h; P2 closed only after the period ended, not due then.
		JsonNode before = a.get("previous");
		assertThat(before.get("reports").asLong()).isEqualTo(2);
		assertThat(before.get("closed").asLong()).isEqualTo(1);
		assertThat(before.get("due").asLong()).isEqualTo(1);
		assertThat(before.get("onTimeRate").asDouble()).isEqualTo(1.0);
		assertThat(a.get("previousRating").asString()).isEqualTo("none");
		JsonNode trend = a.get("trend");
		assertThat(trend.get("reports").asLong()).isEqualTo(5);
		assertThat(trend.get("reportsChange").asDouble()).isEqualTo(2.5);
		assertThat(trend.get("onTimeRate").asDouble()).isEqualTo(-0.6);
		assertThat(trend.get("closureRate").asDouble()).isEqualTo(0.1667);
		assertThat(trend.get("medianHoursToClose").asDouble()).isEqualTo(30.0);

		JsonNode b = row(table, GRID_B);
		assertThat(b.get("current").get("onTimeRate").asDouble()).isEqualTo(1.0);
		assertThat(b.get("current").get("medianHoursToClose").asDouble()).isEqualTo(12.0);
		assertThat(b.get("rating").asString()).isEqualTo("green");
		assertThat(b.get("trend").has("reportsChange")).isFalse();

		JsonNode total = table.get("total").get("current");
		assertThat(total.get("reports").asLong()).isEqualTo(12);
		assertThat(total.get("onTimeRate").asDouble()).isEqualTo(0.7); // 7 of 10 due
		assertThat(table.get("total").get("rating").asString()).isEqualTo("yellow");
	}

	@Test
	void everyLiveGridIsListedEvenWithoutReports() {
		JsonNode table = get("/api/v1/stats/grids?" + FIXTURE_PERIOD);
		assertThat(table.get("rows")).hasSize(146);
		int empty = 0;
		for (JsonNode row : table.get("rows")) {
			if (row.get("current").get("reports").asLong() == 0) {
				empty++;
				assertThat(row.get("rating").asString()).isEqualTo("none");
				assertThat(row.get("current").has("closureRate")).isFalse();
			}
		}
		assertThat(empty).isEqualTo(144);
	}

	@Test
	void workersAreTheFullTimeGridWorkersWithTheirAssignedReports() {
		JsonNode table = get("/api/v1/stats/workers?" + FIXTURE_PERIOD);
		long workers = count("SELECT count(DISTINCT (grid_code, name)) FROM grid_staff WHERE role = 'full_time'");
		assertThat(table.get("rows")).hasSize((int) workers);
		List<String> red = new ArrayList<>();
		List<String> green = new ArrayList<>();
		for (JsonNode row : table.get("rows")) {
			assertThat(row.get("unit").get("kind").asString()).isEqualTo("full_time");
			if ("red".equals(row.get("rating").asString())) {
				red.add(row.get("unit").get("gridCode").asString());
				assertThat(row.get("current").get("reports").asLong()).isEqualTo(7);
			}
			if ("green".equals(row.get("rating").asString())) {
				green.add(row.get("unit").get("gridCode").asString());
			}
		}
		assertThat(red).containsExactly(GRID_A);
		assertThat(green).containsExactly(GRID_B);
	}

	@Test
	void departmentsGetTheirTimeToAcceptAndTheirRoll() {
		JsonNode table = get("/api/v1/stats/departments?" + FIXTURE_PERIOD);
		assertThat(table.get("rows")).hasSize(12);
		JsonNode lagging = row(table, "political-legal");
		// Dispatch → accept: 1, 1, 40, 40 h; A6 waits 37 h 40 min at the period's end,
		// A7 was returned and waits 133 h: median (37.67 + 40) / 2.
		assertThat(lagging.get("current").get("dispatched").asLong()).isEqualTo(6);
		assertThat(lagging.get("current").get("medianHoursToAccept").asDouble()).isCloseTo(38.83, within(0.001));
		assertThat(lagging.get("roll").asString()).isEqualTo("black");
		assertThat(indicators(lagging)).contains("medianHoursToAccept");
		JsonNode prompt = row(table, "justice");
		assertThat(prompt.get("current").get("medianHoursToAccept").asDouble()).isEqualTo(2.0);
		assertThat(prompt.get("rating").asString()).isEqualTo("green");
		assertThat(prompt.get("roll").asString()).isEqualTo("red");
		assertThat(row(table, "housing").has("roll")).isFalse();
	}

	@Test
	void communitiesAndStreetsAddUpAndFiltersNarrowTheUnits() {
		JsonNode community = row(get("/api/v1/stats/communities?" + FIXTURE_PERIOD), "230304001001");
		assertThat(community.get("current").get("reports").asLong()).isEqualTo(12);
		assertThat(community.get("unit").get("streetCode").asString()).isEqualTo("230304001");
		JsonNode street = row(get("/api/v1/stats/streets?" + FIXTURE_PERIOD), "230304001");
		assertThat(street.get("current").get("reports").asLong()).isEqualTo(12);
		assertThat(street.get("current").get("onTime").asLong()).isEqualTo(7);

		JsonNode filtered = get("/api/v1/stats/grids?" + FIXTURE_PERIOD + "&community=230304001001");
		assertThat(filtered.get("filter").get("community").asString()).isEqualTo("230304001001");
		assertThat(filtered.get("rows"))
			.allSatisfy((row) -> assertThat(row.get("unit").get("code").asString()).startsWith("230304001001"));
		assertThat(filtered.get("total").get("current").get("reports").asLong()).isEqualTo(12);
		JsonNode otherStreet = get("/api/v1/stats/departments?" + FIXTURE_PERIOD + "&street=230304002");
		assertThat(otherStreet.get("total").get("current").get("reports").asLong()).isZero();
	}

	// ------------------------------------------------------------ the demo year

	@Test
	void demoTablesAgreeWithCountsTakenDirectlyInSql() {
		String range = "reported_at >= '2026-10-01T00:00+08' AND reported_at < '2026-11-01T00:00+08'";
		long inGrids = count("SELECT count(*) FROM incident WHERE grid_code IS NOT NULL AND " + range);
		long all = count("SELECT count(*) FROM incident WHERE " + range);
		long closed = count(
				"SELECT count(*) FROM incident WHERE status = 'closed' AND closed_at <= '2026-11-01T00:00+08'"
						+ " AND grid_code IS NOT NULL AND " + range);
		JsonNode grids = get("/api/v1/stats/grids?" + DEMO_MONTH);
		assertThat(grids.get("rows")).hasSize(146);
		assertThat(grids.get("total").get("current").get("reports").asLong()).isEqualTo(inGrids);
		assertThat(grids.get("total").get("current").get("closed").asLong()).isEqualTo(closed);
		long sum = 0;
		Set<String> ratings = Set.of("green", "yellow", "red", "none");
		Map<String, Integer> colours = new HashMap<>();
		for (JsonNode row : grids.get("rows")) {
			sum += row.get("current").get("reports").asLong();
			assertThat(ratings).contains(row.get("rating").asString());
			colours.merge(row.get("rating").asString(), 1, Integer::sum);
		}
		assertThat(sum).isEqualTo(inGrids);
		assertThat(colours).containsKeys("red", "yellow");

		JsonNode departments = get("/api/v1/stats/departments?" + DEMO_MONTH);
		assertThat(departments.get("total").get("current").get("reports").asLong()).isEqualTo(all);
		JsonNode streets = get("/api/v1/stats/streets?" + DEMO_MONTH);
		assertThat(streets.get("rows")).hasSize(6);
		assertThat(streets.get("total").get("current").get("reports").asLong()).isEqualTo(inGrids);
		JsonNode workers = get("/api/v1/stats/workers?" + DEMO_MONTH);
		long assigned = count("SELECT count(*) FROM incident WHERE assigned_worker IS NOT NULL AND " + range);
		assertThat(workers.get("total").get("current").get("reports").asLong()).isEqualTo(assigned);
	}

	@Test
	void theSeriesCountsEveryReportOnceInContinuousBuckets() {
		JsonNode series = get("/api/v1/stats/series?" + DEMO_MONTH + "&by=department");
		assertThat(series.get("interval").asString()).isEqualTo("day");
		assertThat(series.get("buckets")).hasSize(31);
		assertThat(series.get("buckets").get(0).asString()).isEqualTo("2026-10-01");
		assertThat(series.get("buckets").get(30).asString()).isEqualTo("2026-10-31");
		long sum = 0;
		for (JsonNode line : series.get("series")) {
			assertThat(line.get("counts")).hasSize(31);
			for (JsonNode n : line.get("counts")) {
				sum += n.asLong();
			}
			assertThat(line.get("name").asString()).isNotBlank();
		}
		long all = count("SELECT count(*) FROM incident WHERE reported_at >= '2026-10-01T00:00+08'"
				+ " AND reported_at < '2026-11-01T00:00+08'");
		assertThat(sum).isEqualTo(all);
		JsonNode weeks = get("/api/v1/stats/series?from=2026-06-01&to=2026-11-01&by=matter");
		assertThat(weeks.get("interval").asString()).isEqualTo("week");
		assertThat(weeks.get("buckets").get(0).asString()).isEqualTo("2026-06-01"); // a
																					// Monday
		JsonNode months = get("/api/v1/stats/series?from=2025-11-01&to=2026-11-01&interval=month&by=channel");
		assertThat(months.get("buckets")).hasSize(12);
	}

	@Test
	void withoutAPeriodTheLastCompleteCalendarMonthIsAssessed() {
		JsonNode table = get("/api/v1/stats/streets");
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		LocalDate thisMonth = LocalDate.now(zone).withDayOfMonth(1);
		assertThat(table.get("to").asString()).isEqualTo(thisMonth.atStartOfDay(zone).toInstant().toString());
		assertThat(table.get("from").asString())
			.isEqualTo(thisMonth.minusMonths(1).atStartOfDay(zone).toInstant().toString());
		assertThat(table.get("zone").asString()).isEqualTo("Asia/Shanghai");
		assertThat(table.get("thresholds").get("greenOnTime").asDouble()).isEqualTo(0.85);
	}

	// ------------------------------------------------------------ CSV

	@Test
	void csvHasAByteOrderMarkAHeaderRowOneLinePerUnitAndTheTotal() {
		byte[] body = this.http.get()
			.uri("/api/v1/stats/grids?" + FIXTURE_PERIOD + "&format=csv")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/csv")
			.expectHeader()
			.valueMatches("Content-Disposition", "attachment; filename=\"gridmap-grids-2002-09-01_2002-09-30.csv\"")
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
		String text = new String(body, StandardCharsets.UTF_8).substring(1);
		String[] lines = text.split("\r\n");
		assertThat(lines).hasSize(1 + 146 + 1);
		assertThat(lines[0]).startsWith("网格编码,网格,类型,社区/村编码,社区/村,街道/乡镇编码,街道/乡镇,上报数,驳回数");
		String a = List.of(lines).stream().filter((l) -> l.startsWith(GRID_A)).findFirst().orElseThrow();
		assertThat(a).contains(",7,1,6,85.7%,4,66.7%,5,2,40.0%,54,1,25.0%,3,3.67,2,66.7%,红,");
		assertThat(lines[lines.length - 1]).startsWith("合计,,,,,,,12,1,11,");
	}

	@Test
	void acceptTextCsvGivesCsvWithEnglishHeadersOnRequest() {
		String text = this.http.get()
			.uri("/api/v1/stats/departments?" + FIXTURE_PERIOD + "&lang=en")
			.accept(MediaType.parseMediaType("text/csv"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/csv")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String[] lines = text.replace("\uFEFF", "").split("\r\n");
		assertThat(lines[0]).startsWith("Department code,Department,English name,Reports,");
		assertThat(lines[0]).contains(",Median hours to accept,Rating,Reasons,Roll,");
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("political-legal,")
			.contains(
					",red,onTimeRate 40.0% (red); closureRate 66.7% (red); medianHoursToAccept 38.83 h (black),black,"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("justice,").contains(",green,,red,"));
	}

	@Test
	void seriesCsvHasOneColumnPerLine() {
		String text = this.http.get()
			.uri("/api/v1/stats/series?" + FIXTURE_PERIOD + "&by=department&interval=week&format=csv")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String[] lines = text.replace("\uFEFF", "").split("\r\n");
		assertThat(lines[0]).isEqualTo("时段起始,区委政法委,区司法局,合计");
		assertThat(lines[1]).isEqualTo("2002-08-26,0,0,0");
		assertThat(lines).hasSize(1 + 6);
	}

	// ------------------------------------------------------------ bad input

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource(delimiter = '|',
			value = { "/api/v1/stats/grids?from=2026-11-01&to=2026-10-01|from",
					"/api/v1/stats/grids?from=yesterday|from", "/api/v1/stats/grids?to=2026-13-01|to",
					"/api/v1/stats/grids?from=2020-01-01&to=2026-01-01|to",
					"/api/v1/stats/grids?from=0001-01-01&to=0001-02-01|from", "/api/v1/stats/workers?format=xml|format",
					"/api/v1/stats/streets?lang=fr|lang", "/api/v1/stats/grids?street=1234|street",
					"/api/v1/stats/grids?community=abc|community", "/api/v1/stats/grids?size=3|size",
					"/api/v1/stats/series?interval=hour|interval", "/api/v1/stats/series?by=grid|by",
					"/api/v1/stats/series?from=2026-10-01&to=2026-10-01|from" })
	void badInputIsA400ProblemNamingTheParameter(String uri, String parameter) {
		JsonNode problem = this.json.readTree(this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
		assertThat(problem.get("type").asString()).isEqualTo("urn:gridmap:problem:invalid-parameter");
	}

	@Test
	void anUnknownGroupingIsNotFound() {
		this.http.get().uri("/api/v1/stats/planets").exchange().expectStatus().isNotFound();
	}

}
