package org.gridmap.hotspot;

import java.util.HashMap;
import java.util.Map;

import org.gridmap.Fixtures;
import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/hotspots/grids}, the grid choropleth, on the constructed grids and
 * incidents of fixtures/grid-rate-incidents.sql, whose counts, rates and quintile classes
 * are worked out by hand there.
 */
class GridRateApiTest extends IntegrationTest {

	private static final String FIXTURE = "bbox=103.9,34.9,105.4,35.4";

	private static final String MARCH = FIXTURE + "&from=2001-03-01&to=2001-04-01";

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	private static boolean loaded;

	@BeforeEach
	void constructedGrids() {
		if (!loaded) {
			Fixtures.load(this.db, "grid-rate-incidents.sql");
			loaded = true;
		}
	}

	private JsonNode rates(String query) {
		return this.json.readTree(this.http.get()
			.uri("/api/v1/hotspots/grids?" + query)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("application/geo+json"))
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private static Map<String, JsonNode> byName(JsonNode collection) {
		Map<String, JsonNode> grids = new HashMap<>();
		for (JsonNode feature : collection.get("features")) {
			grids.put(feature.get("properties").get("name").asString(), feature.get("properties"));
		}
		return grids;
	}

	@Test
	void countsRatesAndQuintileClassesMatchTheConstructedGrids() {
		JsonNode answer = rates(MARCH);
		Map<String, JsonNode> grids = byName(answer);
		assertThat(grids).containsOnlyKeys("Rate A", "Rate B", "Rate C", "Rate D", "Rate E", "Rate F");
		// name, households, count, rate per 1,000 households, class
		Object[][] expected = { { "Rate A", 1000, 10, 10.0, 2 }, { "Rate B", 500, 10, 20.0, 3 },
				{ "Rate C", 2000, 10, 5.0, 1 }, { "Rate E", 250, 0, 0.0, 0 }, { "Rate F", 100, 7, 70.0, 4 } };
		for (Object[] row : expected) {
			JsonNode grid = grids.get((String) row[0]);
			assertThat(grid.get("households").asInt()).as("households of %s", row[0]).isEqualTo(row[1]);
			assertThat(grid.get("count").asInt()).as("count of %s", row[0]).isEqualTo(row[2]);
			assertThat(grid.get("rate").asDouble()).as("rate of %s", row[0]).isEqualTo(row[3]);
			assertThat(grid.get("class").asInt()).as("class of %s", row[0]).isEqualTo(row[4]);
		}
		JsonNode noHouseholds = grids.get("Rate D");
		assertThat(noHouseholds.get("count").asInt()).isEqualTo(3);
		assertThat(noHouseholds.get("rate").isNull()).isTrue();
		assertThat(noHouseholds.get("class").isNull()).isTrue();

		JsonNode classification = answer.get("classification");
		assertThat(classification.get("method").asString()).isEqualTo("quantiles");
		assertThat(classification.get("min").asDouble()).isZero();
		assertThat(classification.get("breaks").valueStream().map(JsonNode::asDouble).toList()).containsExactly(0.0,
				5.0, 10.0, 20.0, 70.0);
		assertThat(answer.get("perHouseholds").asInt()).isEqualTo(1000);
		assertThat(answer.get("totals").get("count").asInt()).isEqualTo(40);
		assertThat(answer.get("totals").get("households").asInt()).isEqualTo(3850);
		assertThat(answer.get("features").get(0).get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
	}

	@Test
	void theWindowTheMatterAndTheGridVersionsFollowTheFilters() {
		Map<String, JsonNode> matterA = byName(rates(MARCH + "&matter="
				+ this.db.sql("SELECT min(code) FROM matter").map((r, m) -> r.get(0, String.class)).one().block()));
		assertThat(matterA.get("Rate A").get("count").asInt()).isEqualTo(8);
		assertThat(matterA.get("Rate A").get("rate").asDouble()).isEqualTo(8.0);

		Map<String, JsonNode> may = byName(rates(FIXTURE + "&from=2001-05-01&to=2001-06-01"));
		assertThat(may.get("Rate A").get("count").asInt()).isEqualTo(4);
		assertThat(may.get("Rate B").get("count").asInt()).isZero();

		// Before 2001-02-01 grid …002 had another outline, name and household count.
		Map<String, JsonNode> january = byName(rates(FIXTURE + "&from=2001-01-01&to=2001-01-31"));
		assertThat(january).containsKey("Old B").doesNotContainKey("Rate B");
		assertThat(january.get("Old B").get("households").asInt()).isEqualTo(50);
	}

	@Test
	void tiesMergeClassesSoNoneIsEmpty() {
		JsonNode answer = rates(MARCH + "&status=reported");
		assertThat(answer.get("classification").get("breaks").valueStream().map(JsonNode::asDouble).toList())
			.containsExactly(0.0);
		for (JsonNode feature : answer.get("features")) {
			JsonNode p = feature.get("properties");
			assertThat(p.get("count").asInt()).isZero();
			if (p.get("households").asInt() > 0) {
				assertThat(p.get("class").asInt()).isZero();
			}
		}
	}

	@Test
	void theDemoDistrictFallsIntoFiveClassesOfAboutEqualSize() {
		JsonNode answer = rates("");
		assertThat(answer.get("features").size()).isEqualTo(146);
		int[] sizes = new int[5];
		for (JsonNode feature : answer.get("features")) {
			sizes[feature.get("properties").get("class").asInt()]++;
		}
		for (int size : sizes) {
			assertThat(size).as("grids per class").isBetween(146 / 5 - 3, 146 / 5 + 3);
		}
		assertThat(answer.get("totals").get("count").asInt()).isPositive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "bbox=1,2,3", "bbox=3,2,1,4", "from=yesterday", "to=2001-13-01",
			"from=2001-04-01&to=2001-03-01", "matter=DROP%20TABLE", "status=Closed", "zoom=12", "size=3" })
	void badQueriesAreA400ProblemNamingTheParameter(String query) {
		String parameter = query.substring(0, query.indexOf('='));
		this.http.get()
			.uri("/api/v1/hotspots/grids?" + query)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo(parameter);
	}

}
