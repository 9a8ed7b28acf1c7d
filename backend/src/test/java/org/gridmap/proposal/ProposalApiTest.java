package org.gridmap.proposal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKBReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proposed grids over HTTP on the demo district: {@code POST /api/v1/proposals} covers a
 * real community exactly with contiguous grids of 300–500 households; {@code POST
 * /api/v1/plans/{id}/proposal} records the proposal as changes of a draft plan that then
 * validates without errors; bad input is a 4xx problem naming the member.
 */
class ProposalApiTest extends IntegrationTest {

	static final String COMMUNITY = "230304001001";

	private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	/** Partitioning takes a second or two; more on a machine busy with other builds. */
	@BeforeEach
	void patientClient() {
		this.http = this.http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
	}

	@Test
	void demoCommunityIsCoveredExactlyByBalancedCompactGrids() throws Exception {
		JsonNode proposal = read(post("/api/v1/proposals", null, Map.of("community", COMMUNITY)).expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("application/geo+json"))
			.expectBody()
			.returnResult()
			.getResponseBody());

		Geometry community = community(COMMUNITY);
		long households = count("SELECT sum(a.households) FROM address a JOIN admin_area c ON c.code = '" + COMMUNITY
				+ "' AND ST_Intersects(c.geom, a.geom)");
		List<Geometry> grids = new ArrayList<>();
		long sum = 0;
		for (JsonNode feature : proposal.get("features")) {
			Geometry grid = polygon(feature.get("geometry"));
			grids.add(grid);
			assertThat(grid).isInstanceOf(Polygon.class);
			int h = feature.get("properties").get("households").asInt();
			assertThat(h).isBetween(300, 500);
			sum += h;
		}
		assertThat(sum).isEqualTo(households);
		assertThat(grids).hasSize((int) Math.round(households / 400.0));
		Geometry union = FACTORY.buildGeometry(grids).union();
		// 1e-11 square degrees is about 0.09 m²: the outline's new vertices lie within
		// 1e-10° of it
		assertThat(union.symDifference(community).getArea()).isLessThan(1e-11);
		for (int i = 0; i < grids.size(); i++) {
			for (int j = i + 1; j < grids.size(); j++) {
				assertThat(grids.get(i).intersection(grids.get(j)).getArea()).isZero();
			}
		}
		JsonNode balance = proposal.get("balance");
		assertThat(balance.get("withinRange").asInt()).isEqualTo(grids.size());
		assertThat(balance.get("households").asLong()).isEqualTo(households);
		assertThat(balance.get("stddev").asDouble()).isLessThan(20);
		assertThat(proposal.get("compactness").get("mean").asDouble()).isGreaterThan(0.4);
		assertThat(proposal.get("community").get("name").asString()).isEqualTo("建设社区");
	}

	@Test
	void proposalBecomesChangesOfADraftPlanThatValidates() {
		JsonNode plan = createPlan("230304001");
		long id = plan.get("id").asLong();
		String etag = plan.get("etag").asString();

		JsonNode result = read(post("/api/v1/plans/" + id + "/proposal", etag,
				Map.of("author", "王规划", "community", COMMUNITY, "targetHouseholds", 350, "minHouseholds", 300))
			.expectStatus()
			.isCreated()
			.expectHeader()
			.exists("ETag")
			.expectBody()
			.returnResult()
			.getResponseBody());

		assertThat(result.get("plan").get("version").asInt()).isEqualTo(plan.get("version").asInt() + 1);
		assertThat(result.get("changes").size()).isGreaterThanOrEqualTo(2);
		int proposed = result.get("proposal").get("balance").get("grids").asInt();
		assertThat(proposed).isEqualTo(8);
		JsonNode grids = get("/api/v1/plans/" + id + "/grids");
		int inCommunity = 0;
		for (JsonNode feature : grids.get("features")) {
			JsonNode p = feature.get("properties");
			if (COMMUNITY.equals(p.get("community").asString())) {
				inCommunity++;
				assertThat(p.get("households").asInt()).as("households of %s", p.get("key")).isBetween(300, 500);
			}
		}
		assertThat(inCommunity).isEqualTo(proposed);
		// matched grids keep their codes: 7 reshaped, 1 created
		assertThat(result.get("changes").findValuesAsString("kind")).contains("reshape", "create");
		JsonNode validation = get("/api/v1/plans/" + id + "/validation");
		assertThat(validation.get("valid").asBoolean()).as("validation %s", validation).isTrue();
		for (JsonNode problem : validation.get("problems")) {
			assertThat(problem.get("code").asString()).as("problem %s", problem)
				.isNotIn("gap", "overlap", "edge-mismatch", "outside-parent");
		}
	}

	@Test
	void proposalIntoAPlanNeedsTheCurrentETag() {
		JsonNode plan = createPlan(COMMUNITY);
		long id = plan.get("id").asLong();
		Map<String, Object> body = Map.of("author", "王规划", "community", COMMUNITY);

		post("/api/v1/plans/" + id + "/proposal", null, body).expectStatus().isEqualTo(428);
		post("/api/v1/plans/" + id + "/proposal", "\"plan-" + id + "-999\"", body).expectStatus()
			.isEqualTo(412)
			.expectBody()
			.jsonPath("$.currentETag")
			.isEqualTo(plan.get("etag").asString());
		assertThat(get("/api/v1/plans/" + id).get("version").asInt()).isEqualTo(plan.get("version").asInt());
		post("/api/v1/plans/" + id + "/proposal", plan.get("etag").asString(),
				Map.of("author", "王规划", "community", "230304002001"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo("community");
	}

	@Test
	void badRequestsNameTheMember() {
		problem(Map.of(), 400, "community");
		problem(Map.of("community", "2303"), 400, "community");
		problem(Map.of("community", COMMUNITY, "colour", "red"), 400, "colour");
		problem(Map.of("community", COMMUNITY, "targetHouseholds", "many"), 400, "targetHouseholds");
		problem(Map.of("community", COMMUNITY, "targetHouseholds", 400, "minHouseholds", 450), 400, "minHouseholds");
		problem(Map.of("community", COMMUNITY, "targetHouseholds", 400, "maxHouseholds", 350), 400, "maxHouseholds");
		problem(Map.of("community", COMMUNITY, "targetHouseholds", 0, "minHouseholds", 0), 400, "targetHouseholds");
		post("/api/v1/proposals", null, Map.of("community", "999999999999")).expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		post("/api/v1/proposals", null, "{not json").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private void problem(Map<String, Object> body, int status, String parameter) {
		post("/api/v1/proposals", null, body).expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo(parameter);
	}

	private JsonNode createPlan(String parent) {
		return read(post("/api/v1/plans", null,
				Map.of("name", "建议网格 " + parent, "parent", parent, "effectiveDate",
						LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString(), "author", "王规划"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private WebTestClient.ResponseSpec post(String path, String etag, Object body) {
		WebTestClient.RequestBodySpec spec = this.http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
		if (etag != null) {
			spec = spec.header("If-Match", etag);
		}
		return spec.bodyValue((body instanceof String text) ? text : this.json.writeValueAsString(body)).exchange();
	}

	private JsonNode get(String path) {
		return read(this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private JsonNode read(byte[] body) {
		return this.json.readTree(body);
	}

	private long count(String sql) {
		return this.db.sql(sql).map((row, meta) -> ((Number) row.get(0)).longValue()).one().block();
	}

	/** A GeoJSON Polygon (the proposal writes grids as polygons) as JTS. */
	static Polygon polygon(JsonNode geometry) {
		assertThat(geometry.get("type").asString()).isEqualTo("Polygon");
		List<LinearRing> rings = new ArrayList<>();
		for (JsonNode ring : geometry.get("coordinates")) {
			List<Coordinate> points = new ArrayList<>();
			ring.forEach((p) -> points.add(new Coordinate(p.get(0).asDouble(), p.get(1).asDouble())));
			rings.add(FACTORY.createLinearRing(points.toArray(Coordinate[]::new)));
		}
		return FACTORY.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
	}

	private Geometry community(String code) throws Exception {
		ByteBuffer wkb = this.db
			.sql("SELECT ST_AsBinary(geom) AS wkb FROM admin_area WHERE code = $1 AND valid_to = 'infinity'")
			.bind(0, code)
			.map((row, meta) -> row.get("wkb", ByteBuffer.class))
			.one()
			.block();
		byte[] bytes = new byte[wkb.remaining()];
		wkb.get(bytes);
		return new WKBReader(FACTORY).read(bytes);
	}

}
