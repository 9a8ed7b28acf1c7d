package org.gridmap.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridmap.Fixtures;
import org.gridmap.IntegrationTest;
import org.gridmap.geo.ChinaCoordinates;
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

/**
 * {@code /api/v1/lookup} over HTTP against the demo district and the hand-made edge grids
 * of {@code fixtures/lookup-edge-grids.sql}.
 */
class LookupApiTest extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	@BeforeEach
	void edgeGrids() {
		Fixtures.load(this.db, "lookup-edge-grids.sql");
	}

	/** A point well inside a live demo grid, and that grid's code. */
	private Map<String, Object> interiorPoint() {
		return this.db.sql("""
				SELECT code, ST_X(p) AS lon, ST_Y(p) AS lat
				FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM grid
				      WHERE valid_to = 'infinity' ORDER BY code OFFSET 17 LIMIT 1) g""").fetch().one().block();
	}

	@Test
	void pointInsideAGridReturnsTheGridItsChainStaffAndNearestStation() {
		Map<String, Object> point = interiorPoint();
		String code = (String) point.get("code");
		this.http.get()
			.uri("/api/v1/lookup?lon={lon}&lat={lat}", point.get("lon"), point.get("lat"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.grid.code")
			.isEqualTo(code)
			.jsonPath("$.grid.name")
			.isNotEmpty()
			.jsonPath("$.grid.type")
			.value((String type) -> assertThat(type).isIn("urban", "rural", "special"))
			.jsonPath("$.community.code")
			.isEqualTo(code.substring(0, 12))
			.jsonPath("$.street.code")
			.isEqualTo(code.substring(0, 9))
			.jsonPath("$.district.code")
			.isEqualTo(code.substring(0, 6))
			.jsonPath("$.staff[?(@.role == 'grid_head')].name")
			.isNotEmpty()
			.jsonPath("$.staff[?(@.role == 'full_time')].phone")
			.isNotEmpty()
			.jsonPath("$.hotline")
			.isNotEmpty()
			.jsonPath("$.station.code")
			.isNotEmpty()
			.jsonPath("$.station.distanceMetres")
			.value((Number metres) -> assertThat(metres.doubleValue()).isBetween(0.0, 30_000.0))
			.jsonPath("$.query.crs")
			.isEqualTo("EPSG:4326");
	}

	@Test
	void pointOutsideEveryGridIsA404Problem() {
		this.http.get()
			.uri("/api/v1/lookup?lon=116.39&lat=39.91")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.type")
			.isEqualTo("urn:gridmap:problem:point-outside-grids")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("116.39"));
	}

	@Test
	void pointInNoGridGetsTheSameProblemMembersFromTheIndexAsFromTheDatabase() {
		// The in-memory path writes this 404 itself instead of throwing (it is a quarter
		// of
		// random lookups); the database path (a past asOf) goes through the problem
		// handler.
		String memory = problemBody("/api/v1/lookup?lon=116.39&lat=39.91", "memory");
		String database = problemBody("/api/v1/lookup?lon=116.39&lat=39.91&asOf=2001-06-01", "database");
		JsonMapper json = JsonMapper.builder().build();
		JsonNode fromIndex = json.readTree(memory);
		JsonNode fromDatabase = json.readTree(database);
		assertThat(fromIndex.propertyNames()).containsExactlyElementsOf(fromDatabase.propertyNames());
		for (String member : List.of("type", "title", "status", "instance", "lon", "lat", "crs")) {
			assertThat(fromIndex.get(member)).as(member).isEqualTo(fromDatabase.get(member));
		}
		assertThat(fromIndex.get("instance").asString()).isEqualTo("/api/v1/lookup");
		assertThat(fromIndex.get("lon").doubleValue()).isEqualTo(116.39);
	}

	private String problemBody(String uri, String source) {
		return new String(this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("X-Lookup-Source", source)
			.expectBody()
			.returnResult()
			.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
	}

	@ParameterizedTest(name = "({0}, {1}) → {2}")
	@CsvSource({ "101, 30.5, 999999001001001", // on the A|B edge: A has the lower code
			"101.5, 31, 999999001001002", // on the B|D edge
			"101, 31, 999999001001001", // the vertex shared by A, B, C and D
			"100, 30, 999999001001001", // A's outer corner
			"100.5, 31.5, 999999001001003" // inside C
	})
	void pointOnSharedEdgeOrVertexBelongsToExactlyOneGridTheLowestCode(String lon, String lat, String expected) {
		for (int i = 0; i < 3; i++) {
			this.http.get()
				.uri("/api/v1/lookup?lon={lon}&lat={lat}&asOf=2001-06-01", lon, lat)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.grid.code")
				.isEqualTo(expected);
		}
	}

	@Test
	void vertexSharedByDemoGridsGoesToTheLowestOfTheirCodes() {
		Map<String, Object> vertex = this.db
			.sql("""
					-- A vertex of one live grid that lies on at least two other live grids.
					SELECT ST_X(v) AS lon, ST_Y(v) AS lat,
					       (SELECT min(code) FROM grid g2 WHERE valid_to = 'infinity' AND ST_Intersects(g2.geom, v)) AS expected,
					       (SELECT count(*) FROM grid g2 WHERE valid_to = 'infinity' AND ST_Intersects(g2.geom, v)) AS touching
					FROM (SELECT (ST_DumpPoints(geom)).geom AS v FROM grid WHERE valid_to = 'infinity') d
					WHERE (SELECT count(*) FROM grid g2 WHERE valid_to = 'infinity' AND ST_Intersects(g2.geom, v)) >= 3
					ORDER BY 1, 2 LIMIT 1""")
			.fetch()
			.one()
			.block();
		assertThat(vertex).as("the demo district has a vertex shared by three grids").isNotNull();
		this.http.get()
			.uri("/api/v1/lookup?lon={lon}&lat={lat}", vertex.get("lon"), vertex.get("lat"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.grid.code")
			.isEqualTo(vertex.get("expected"));
	}

	@Test
	void asOfAnswersWithTheBoundaryValidAtThatDate() {
		lookupCode("100.5", "33.5", "2001-03-01").isEqualTo("999999002001001");
		lookupStatus("100.5", "33.5", "2001-09-01", 404);
		lookupCode("101.5", "33.5", "2001-09-01").isEqualTo("999999002001001");
		// A date is midnight in Asia/Shanghai: the new boundary holds from 2001-07-01 on.
		lookupStatus("100.5", "33.5", "2001-07-01", 404);
		lookupCode("100.5", "33.5", "2001-06-30T23:59:59+08:00").isEqualTo("999999002001001");
		lookupStatus("101.5", "33.5", "2001-06-30T15:59:59Z", 404);
		// Today the fixture grids are gone.
		lookupStatus("100.5", "30.5", null, 404);
	}

	@ParameterizedTest(name = "crs={0}")
	@CsvSource({ "EPSG:4326", "EPSG:4490", "GCJ-02", "BD-09" })
	void everyInputCrsFindsTheSameGrid(String crs) {
		Map<String, Object> point = interiorPoint();
		double lon = ((Number) point.get("lon")).doubleValue();
		double lat = ((Number) point.get("lat")).doubleValue();
		double[] given = switch (crs) {
			case "GCJ-02" -> ChinaCoordinates.wgs84ToGcj02(lon, lat);
			case "BD-09" -> ChinaCoordinates.wgs84ToBd09(lon, lat);
			default -> new double[] { lon, lat };
		};
		this.http.get()
			.uri("/api/v1/lookup?lon={lon}&lat={lat}&crs={crs}", given[0], given[1], crs)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.grid.code")
			.isEqualTo(point.get("code"))
			.jsonPath("$.query.crs")
			.isEqualTo(crs)
			.jsonPath("$.query.wgs84.lon")
			.value((Number wgs) -> assertThat(wgs.doubleValue()).isCloseTo(lon,
					org.assertj.core.data.Offset.offset(2e-7)))
			.jsonPath("$.query.wgs84.lat")
			.value((Number wgs) -> assertThat(wgs.doubleValue()).isCloseTo(lat,
					org.assertj.core.data.Offset.offset(2e-7)));
	}

	@Test
	void gcj02PointTakenAsWgs84WouldMissByHundredsOfMetres() {
		Map<String, Object> point = interiorPoint();
		double[] gcj = ChinaCoordinates.wgs84ToGcj02(((Number) point.get("lon")).doubleValue(),
				((Number) point.get("lat")).doubleValue());
		this.http.get()
			.uri("/api/v1/lookup?lon={lon}&lat={lat}&crs=GCJ-02", gcj[0], gcj[1])
			.exchange()
			.expectBody()
			.jsonPath("$.query.wgs84.lon")
			.value((Number wgs) -> assertThat(Math.abs(wgs.doubleValue() - gcj[0]) * 78_000).isGreaterThan(100));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "lat=45.35|lon", "lon=130.8|lat", "lon=&lat=45.35|lon", "lon=abc&lat=45.35|lon",
					"lon=NaN&lat=45.35|lon", "lon=Infinity&lat=45.35|lon", "lon=1e400&lat=45.35|lon",
					"lon=130.8&lat=95|lat", "lon=181&lat=45|lon", "lon=45.35&lat=130.8|lat",
					"lon=130.8&lat=45.35&crs=EPSG:3857|crs", "lon=130.8&lat=45.35&crs=gcj-03|crs",
					"lon=130.8&lat=45.35&asOf=yesterday|asOf", "lon=130.8&lat=45.35&asOf=2026-13-45|asOf" })
	void badParametersAreA400ProblemNamingTheParameter(String query, String parameter) {
		this.http.get()
			.uri("/api/v1/lookup?" + query)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.parameter")
			.isEqualTo(parameter)
			.jsonPath("$.detail")
			.isNotEmpty();
	}

	@Test
	void batchLookupAnswersEveryPointInOrderWithTheClientsIds() {
		Map<String, Object> point = interiorPoint();
		List<Map<String, Object>> points = List.of(
				Map.of("id", "inside", "lon", point.get("lon"), "lat", point.get("lat")),
				Map.of("id", "edge", "lon", 101, "lat", 30.5), Map.of("id", "nowhere", "lon", 0.5, "lat", 0.5));
		this.http.post()
			.uri("/api/v1/lookup")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("asOf", "2001-06-01", "points", points))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.query.count")
			.isEqualTo(3)
			.jsonPath("$.results.length()")
			.isEqualTo(3)
			.jsonPath("$.results[0].id")
			.isEqualTo("inside")
			.jsonPath("$.results[0].found")
			.isEqualTo(true)
			.jsonPath("$.results[0].grid.code")
			.isEqualTo(point.get("code"))
			.jsonPath("$.results[1].grid.code")
			.isEqualTo("999999001001001")
			.jsonPath("$.results[2].id")
			.isEqualTo("nowhere")
			.jsonPath("$.results[2].found")
			.isEqualTo(false)
			.jsonPath("$.results[2].grid")
			.doesNotExist();
	}

	@Test
	void batchLookupOfManyPointsKeepsTheirOrder() {
		List<Map<String, Object>> points = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			points.add(Map.of("id", "p" + i, "lon", 130.70 + (i % 50) * 0.004, "lat", 45.28 + (i / 50) * 0.004));
		}
		this.http.post()
			.uri("/api/v1/lookup")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("points", points))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.results.length()")
			.isEqualTo(2000)
			.jsonPath("$.results[1999].id")
			.isEqualTo("p1999")
			.jsonPath("$.results[1234].index")
			.isEqualTo(1234);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "{}|points", "{\"points\":[]}|points", "{\"points\":[{\"lon\":130.8}]}|points[0].lat",
					"{\"points\":[{\"lon\":130.8,\"lat\":91}]}|points[0].lat", "{\"points\":[null]}|points[0]",
					"{\"crs\":\"EPSG:3857\",\"points\":[{\"lon\":1,\"lat\":1}]}|crs" })
	void badBatchBodiesAreA400Problem(String body, String parameter) {
		this.http.post()
			.uri("/api/v1/lookup")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo(parameter);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "{\"points\":[{\"lon\":NaN,\"lat\":1}]}", "{\"points\":", "not json",
			"{\"points\":{\"lon\":1}}" })
	void unreadableBatchBodiesAreA400Problem(String body) {
		this.http.post()
			.uri("/api/v1/lookup")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void batchOfMoreThanTheLimitIsRefused() {
		StringBuilder body = new StringBuilder("{\"points\":[");
		for (int i = 0; i <= 10_000; i++) {
			body.append(i > 0 ? "," : "").append("{\"lon\":130.8,\"lat\":45.35}");
		}
		this.http.post()
			.uri("/api/v1/lookup")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.append("]}").toString())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo("points");
	}

	@Test
	void wrongMethodAndMediaTypeAreProblemsToo() {
		this.http.delete()
			.uri("/api/v1/lookup")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.post()
			.uri("/api/v1/lookup")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("lon=1")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private org.springframework.test.web.reactive.server.JsonPathAssertions lookupCode(String lon, String lat,
			String asOf) {
		return this.http.get()
			.uri("/api/v1/lookup?lon={lon}&lat={lat}&asOf={asOf}", lon, lat, asOf)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.grid.code");
	}

	private void lookupStatus(String lon, String lat, String asOf, int status) {
		String uri = (asOf != null) ? "/api/v1/lookup?lon={lon}&lat={lat}&asOf={asOf}"
				: "/api/v1/lookup?lon={lon}&lat={lat}";
		this.http.get().uri(uri, lon, lat, asOf).exchange().expectStatus().isEqualTo(status);
	}

}
