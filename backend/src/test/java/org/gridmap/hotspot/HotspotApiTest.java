package org.gridmap.hotspot;

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
 * Gi* on constructed data (fixtures/hotspot-incidents.sql): a known hotspot is found at
 * 99 % and nowhere else; uniformly random incidents give no significant cell.
 */
class HotspotApiTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	private static boolean loaded;

	@BeforeEach
	void constructedIncidents() {
		if (!loaded) {
			Fixtures.load(this.db, "hotspot-incidents.sql");
			loaded = true;
		}
	}

	private JsonNode hotspots(String query) {
		return this.json.readTree(this.http.get()
			.uri("/api/v1/hotspots?" + query)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	@Test
	void theKnownHotspotIsHotAt99PercentAndNothingFarFromItIs() {
		JsonNode cells = hotspots("bbox=100,40,100.06,40.045&cellMetres=100&from=2001-03-01&to=2001-04-01");
		assertThat(cells.get("method").get("statistic").asString()).isEqualTo("Getis-Ord Gi*");
		int counted = 0;
		int hot99 = 0;
		for (JsonNode cell : cells.get("features")) {
			JsonNode p = cell.get("properties");
			counted += p.get("count").asInt();
			if ("hot".equals(p.get("class").asString()) && p.get("confidence").asInt() == 99) {
				hot99++;
				JsonNode ring = cell.get("geometry").get("coordinates").get(0);
				double lon = ring.get(0).get(0).asDouble();
				double lat = ring.get(0).get(1).asDouble();
				double metres = Math.hypot((lon - 100.03) * 85_300, (lat - 40.02) * 111_000);
				assertThat(metres).as("hot cell near the constructed hotspot").isLessThan(500);
			}
		}
		assertThat(counted).isEqualTo(1800);
		assertThat(hot99).isBetween(1, 12);
	}

	@Test
	void uniformlyRandomIncidentsGiveNoSignificantCell() {
		JsonNode cells = hotspots("bbox=101,40,101.06,40.045&cellMetres=100&from=2001-05-01&to=2001-06-01");
		int counted = 0;
		for (JsonNode cell : cells.get("features")) {
			JsonNode p = cell.get("properties");
			counted += p.get("count").asInt();
			assertThat(p.get("class").asString()).as("cell %s", p).isEqualTo("none");
		}
		assertThat(counted).isEqualTo(2000);
		assertThat(cells.get("studyCells").asInt()).isGreaterThan(500);
	}

	@Test
	void filtersAndZoomSizedCellsWork() {
		JsonNode none = hotspots("bbox=100,40,100.06,40.045&zoom=15&from=2001-03-01&to=2001-04-01&status=reported");
		assertThat(none.get("features").size()).isZero();
		JsonNode zoomed = hotspots("bbox=100,40,100.06,40.045&zoom=15&from=2001-03-01&to=2001-04-01");
		assertThat(zoomed.get("cellMetres").asInt()).isBetween(50, 200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "bbox=1,2,3", "bbox=100,40,100.06,40.045&cellMetres=5",
			"bbox=70,20,135,50&cellMetres=100", "bbox=100,40,100.06,40.045&cellMetres=100&zoom=14",
			"bbox=100,40,100.06,40.045&size=3", "bbox=100,40,100.06,40.045&from=yesterday",
			"bbox=100,40,100.06,40.045&matter=DROP%20TABLE", "bbox=100.06,40,100,40.045" })
	void badQueriesAreA400Problem(String query) {
		this.http.get()
			.uri("/api/v1/hotspots?" + query)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
