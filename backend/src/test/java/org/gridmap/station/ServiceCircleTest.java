package org.gridmap.station;

import java.time.Duration;
import java.util.List;

import org.gridmap.Fixtures;
import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Circles, network walking areas, coverage and siting on the hand-made network of
 * fixtures/station-network.sql, whose answers are worked out by hand there: station P at
 * the top of the west street, households E (across the river: 223 m straight, 2,434 m by
 * street), M (995 m down P's street), S (1,074 m straight, 1,383 m by street) and F (far
 * off, on a lone street).
 */
class ServiceCircleTest extends IntegrationTest {

	private static final String AREA = "999998";

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	@BeforeEach
	void loadNetwork() {
		// coverage of the whole district takes seconds on a busy machine
		this.http = this.http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		Fixtures.load(this.db, "station-network.sql");
	}

	@AfterEach
	void removeNetwork() {
		this.db
			.sql("""
					DELETE FROM address WHERE grid_code LIKE '999998%';
					DELETE FROM service_station WHERE code LIKE 'TNET%';
					DELETE FROM road_edge WHERE name LIKE 'Fixture %';
					DELETE FROM road_vertex v WHERE NOT EXISTS (SELECT 1 FROM road_edge e WHERE e.source = v.id OR e.target = v.id);
					DELETE FROM grid WHERE code LIKE '999998%';""")
			.then()
			.block();
	}

	@Test
	void circleIsGeodesicWithTheModesRadius() {
		JsonNode walk = get("/api/v1/stations/TNET01/circle?minutes=15&mode=walk");
		JsonNode circle = feature(walk, "circle");
		// 4.5 km/h × 15 min = 1,125 m; every vertex on the spheroid at that distance
		assertThat(circle.at("/properties/radiusMetres").asDouble()).isEqualTo(1125.0);
		assertThat(vertexDistances(circle)).allSatisfy((d) -> assertThat(d).isCloseTo(1125.0, within(0.02)));
		// 15 km/h × 10 min = 2,500 m
		JsonNode cycle = get("/api/v1/stations/TNET01/circle?minutes=10&mode=cycle");
		assertThat(vertexDistances(feature(cycle, "circle")))
			.allSatisfy((d) -> assertThat(d).isCloseTo(2500.0, within(0.02)));
		// E, M and S are within 1,125 m in a straight line, F is not
		assertThat(circle.at("/properties/households").asInt()).isEqualTo(40 + 10 + 7);
		JsonNode grid = circle.at("/properties/grids/0");
		assertThat(grid.get("code").asString()).isEqualTo("999998001001001");
		assertThat(grid.get("households").asInt()).isEqualTo(62);
		assertThat(grid.get("share").asDouble()).isCloseTo(57.0 / 62, within(0.0001));
	}

	@Test
	void networkAreaFollowsTheStreets() {
		JsonNode answer = get("/api/v1/stations/TNET01/circle?minutes=15&mode=walk");
		assertThat(answer.at("/network/status").asString()).isEqualTo("available");
		JsonNode network = feature(answer, "network");
		// down the whole west street (10 edges) and 19 m into the south street
		assertThat(network.at("/properties/edges").asInt()).isEqualTo(11);
		assertThat(network.at("/properties/snapMetres").asDouble()).isZero();
		// only M is reachable by street within 1,125 m: E is across the river
		assertThat(network.at("/properties/households").asInt()).isEqualTo(10);
		assertThat(network.at("/properties/grids/0/share").asDouble()).isCloseTo(10.0 / 62, within(0.0001));
		assertThat(feature(answer, "TNET01").at("/geometry/coordinates/0").asDouble()).isEqualTo(101.0);
	}

	@Test
	void drivingDistanceReachEndsWhereTheBudgetRunsOut() {
		// 5 min on foot: 375 m down the west street, plus the 100 m from street to door
		JsonNode network = feature(get("/api/v1/stations/TNET01/circle?minutes=5"), "network");
		String area = network.get("geometry").toString();
		double metresPerDegree = 110_574.3;
		assertThat(covers(area, 101.0, 0.010 - 470 / metresPerDegree)).isTrue();
		assertThat(covers(area, 101.0, 0.010 - 480 / metresPerDegree)).isFalse();
		// the street across the river is 223 m away: beyond the 100 m access buffer
		assertThat(covers(area, 101.002, 0.010)).isFalse();
		assertThat(network.at("/properties/edges").asInt()).isEqualTo(4);
	}

	@Test
	void coverageCountsHouseholdsByCircleAndByNetwork() {
		JsonNode circle = get("/api/v1/coverage?minutes=15&mode=walk&method=circle&area=" + AREA);
		assertThat(circle.at("/overall/addresses").asInt()).isEqualTo(4);
		assertThat(circle.at("/overall/coveredAddresses").asInt()).isEqualTo(3);
		assertThat(circle.at("/overall/households").asInt()).isEqualTo(62);
		assertThat(circle.at("/overall/coveredHouseholds").asInt()).isEqualTo(57);
		assertThat(circle.at("/grids/0/code").asString()).isEqualTo("999998001001001");
		assertThat(circle.at("/streets/0/code").asString()).isEqualTo("999998001");
		assertThat(circle.at("/stations").asInt()).isEqualTo(1);
		assertThat(circle.at("/overlaps").size()).isZero();

		JsonNode network = get("/api/v1/coverage?minutes=15&mode=walk&method=network&area=" + AREA);
		assertThat(network.at("/overall/coveredHouseholds").asInt()).isEqualTo(10);
		assertThat(network.at("/overall/coveredAddresses").asInt()).isEqualTo(1);

		JsonNode uncovered = get(network.get("uncovered").asString());
		assertThat(uncovered.get("numberMatched").asInt()).isEqualTo(3);
		assertThat(uncovered.get("uncoveredHouseholds").asInt()).isEqualTo(40 + 7 + 5);
		assertThat(uncovered.findValuesAsString("address")).containsExactlyInAnyOrder("Fixture E", "Fixture S",
				"Fixture F");
	}

	@Test
	void overlappingStationsAreListedWithSharedHouseholds() {
		this.db
			.sql("INSERT INTO service_station (code, name, station_type, geom) VALUES "
					+ "('TNET02', 'Fixture station Q', '民悦驿站', ST_SetSRID(ST_MakePoint(101.002, 0.009), 4326))")
			.then()
			.block();
		JsonNode pair = get("/api/v1/coverage?method=circle&area=" + AREA).at("/overlaps/0");
		assertThat(pair.at("/a/code").asString()).isEqualTo("TNET01");
		assertThat(pair.at("/b/code").asString()).isEqualTo("TNET02");
		// lens of two 1,125 m circles 248.6 m apart: 2r²·acos(d/2r) − (d/2)·√(4r² − d²)
		double r = 1125;
		double d = pair.get("distanceMetres").asDouble();
		assertThat(d).isCloseTo(248.6, within(0.5));
		double lens = 2 * r * r * Math.acos(d / (2 * r)) - d / 2 * Math.sqrt(4 * r * r - d * d);
		assertThat(pair.get("overlapSquareMetres").asDouble()).isCloseTo(lens, within(lens * 0.001));
		// E, M and S are within reach of both
		assertThat(pair.get("sharedHouseholds").asInt()).isEqualTo(57);
	}

	@Test
	void sitingPicksTheSiteThatAddsMostHouseholds() {
		String candidates = "[{\"lon\": 101.002, \"lat\": 0.009}, {\"lon\": 101.020, \"lat\": 0.020},"
				+ " {\"lon\": 101.001, \"lat\": 0.0}]";
		// by street, E and S (47 households) are reached only from the east street
		JsonNode network = post(
				"{\"k\": 2, \"method\": \"network\", \"area\": \"" + AREA + "\", \"candidates\": " + candidates + "}");
		assertThat(network.get("coveredBefore").asInt()).isEqualTo(10);
		assertThat(network.findValues("addedHouseholds")).extracting(JsonNode::asInt).containsExactly(47, 5);
		assertThat(network.at("/features/0/geometry/coordinates/0").asDouble()).isEqualTo(101.002);
		assertThat(network.get("coveredAfter").asInt()).isEqualTo(62);

		// 5 min on foot (375 m): P's circle holds only E; the south middle reaches M and
		// S
		JsonNode circle = post(
				"{\"k\": 3, \"minutes\": 5, \"area\": \"" + AREA + "\", \"candidates\": " + candidates + "}");
		assertThat(circle.get("coveredBefore").asInt()).isEqualTo(40);
		assertThat(circle.findValues("addedHouseholds")).extracting(JsonNode::asInt).containsExactly(17, 5);
		assertThat(circle.at("/features/0/geometry/coordinates/0").asDouble()).isEqualTo(101.001);

		// without candidates: the uncovered compound's centre (F) is the site
		JsonNode generated = post("{\"k\": 1, \"area\": \"" + AREA + "\"}");
		assertThat(generated.at("/features/0/properties/addedHouseholds").asInt()).isEqualTo(5);
		assertThat(generated.at("/features/0/properties/origin").asString()).isEqualTo("compound");
	}

	@Test
	void badCoverageParametersAreProblemsNamingThem() {
		for (String[] bad : new String[][] { { "minutes=0", "minutes" }, { "minutes=x", "minutes" },
				{ "mode=drive", "mode" }, { "method=hull", "method" }, { "area=12", "area" },
				{ "overlaps=1000", "overlaps" } }) {
			this.http.get()
				.uri("/api/v1/coverage?" + bad[0])
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.parameter")
				.isEqualTo(bad[1]);
		}
		this.http.get()
			.uri("/api/v1/coverage/uncovered?bbox=1,2,3")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo("bbox");
		for (String[] bad : new String[][] { { "{\"k\": 0}", "k" }, { "{\"k\": 500}", "k" },
				{ "{\"candidates\": []}", "candidates" },
				{ "{\"candidates\": [{\"lon\": 500, \"lat\": 1}]}", "candidates[0].lon" },
				{ "{\"where\": 1}", "where" }, { "[]", "body" } }) {
			this.http.post()
				.uri("/api/v1/coverage/siting")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(bad[0])
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.parameter")
				.isEqualTo(bad[1]);
		}
	}

	private JsonNode feature(JsonNode collection, String id) {
		for (JsonNode feature : collection.get("features")) {
			if (feature.get("id").asString().equals(id)) {
				return feature;
			}
		}
		throw new AssertionError("No feature " + id + " in " + collection);
	}

	/** Geodesic distance from the station P to each vertex of a polygon, by PostGIS. */
	private List<Double> vertexDistances(JsonNode polygon) {
		return this.db
			.sql("""
					SELECT ST_Distance((d.geom)::geography, ST_SetSRID(ST_MakePoint(101.0, 0.010), 4326)::geography) AS metres
					FROM ST_DumpPoints(ST_GeomFromGeoJSON(:geometry)) d""")
			.bind("geometry", polygon.get("geometry").toString())
			.map((row, meta) -> row.get("metres", Double.class))
			.all()
			.collectList()
			.block();
	}

	private boolean covers(String geometry, double lon, double lat) {
		return Boolean.TRUE.equals(this.db.sql(
				"SELECT ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326), ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))")
			.bind("g", geometry)
			.bind("lon", lon)
			.bind("lat", lat)
			.map((row, meta) -> row.get(0, Boolean.class))
			.one()
			.block());
	}

	private JsonNode get(String uri) {
		byte[] body = this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return this.json.readTree(body);
	}

	private JsonNode post(String request) {
		byte[] body = this.http.post()
			.uri("/api/v1/coverage/siting")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return this.json.readTree(body);
	}

}
