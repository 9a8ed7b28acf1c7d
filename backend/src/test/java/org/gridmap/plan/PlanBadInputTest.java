package org.gridmap.plan;

import java.nio.charset.StandardCharsets;

import org.gridmap.MalformedGeoJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The malformed-GeoJSON catalogue against {@code POST /api/v1/plans/{id}/changes}: each
 * bad body is a 400 (or 413) problem that says what is wrong and where (member and JSON
 * Pointer), never a 500, and the plan is left exactly as it was.
 */
class PlanBadInputTest extends PlanTestSupport {

	static final String GRID = "230304004001001";

	static final String SQUARE = MalformedGeoJson.SQUARE;

	private long plan;

	private String etag;

	@BeforeEach
	void plan() {
		this.plan = createPlan("230304004001", today().plusDays(5)).get("id").asLong();
		this.etag = etag(this.plan);
	}

	private JsonNode refused(String body, int status) {
		JsonNode problem = read(post("/api/v1/plans/" + this.plan + "/changes", this.etag, body).expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(etag(this.plan)).as("plan unchanged").isEqualTo(this.etag);
		assertThat(count("SELECT count(*) FROM plan_change WHERE plan_id = " + this.plan)).isEqualTo(1);
		return problem;
	}

	private static String reshape(String geometry) {
		return "{\"kind\":\"reshape\",\"author\":\"李\",\"grids\":[{\"grid\":\"" + GRID + "\",\"geometry\":" + geometry
				+ "}]}";
	}

	private static String polygon(String rings) {
		return MalformedGeoJson.polygon(rings);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					unclosed ring          | [[[130.82,45.341],[130.821,45.341],[130.821,45.342],[130.82,45.342]]]                     | /grids/0/geometry/coordinates/0/3 | closed
					ring of three          | [[[130.82,45.341],[130.821,45.341],[130.82,45.341]]]                                      | /grids/0/geometry/coordinates/0 | at least 4
					bow-tie                | [[[130.82,45.341],[130.821,45.342],[130.821,45.341],[130.82,45.342],[130.82,45.341]]]     | /grids/0/geometry               | Self-intersection
					overflowing number     | [[[1e400,45.341],[130.821,45.341],[130.821,45.342],[130.82,45.342],[1e400,45.341]]]       | /grids/0/geometry/coordinates/0/0/0 | finite
					longitude out of range | [[[200.5,45.341],[130.821,45.341],[130.821,45.342],[130.82,45.342],[200.5,45.341]]]       | /grids/0/geometry/coordinates/0/0/0 | Longitude
					swapped coordinates    | [[[45.341,130.82],[45.341,130.821],[45.342,130.821],[45.342,130.82],[45.341,130.82]]]     | /grids/0/geometry/coordinates/0/0/1 | swapped
					outside China          | [[[2.35,48.85],[2.36,48.85],[2.36,48.86],[2.35,48.86],[2.35,48.85]]]                      | /grids/0/geometry/coordinates/0/0 | outside China
					3D positions           | [[[130.82,45.341,12],[130.821,45.341,12],[130.821,45.342,12],[130.82,45.341,12]]]         | /grids/0/geometry/coordinates/0/0 | 3D
					4D positions           | [[[130.82,45.341,1,2],[130.821,45.341,1,2],[130.821,45.342,1,2],[130.82,45.341,1,2]]]     | /grids/0/geometry/coordinates/0/0 | 3D
					empty polygon          | []                                                                                        | /grids/0/geometry/coordinates | empty
					string coordinate      | [[["130.82",45.341],[130.821,45.341],[130.821,45.342],[130.82,45.341]]]                   | /grids/0/geometry/coordinates/0/0/0 | number
					""")
	void malformedPolygonsAreRefusedWithWhereAndWhat(String name, String rings, String pointer, String says) {
		JsonNode problem = refused(reshape(polygon(rings)), 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:gridmap:problem:invalid-geometry");
		assertThat(problem.get("parameter").asString()).isEqualTo("geometry");
		assertThat(problem.get("pointer").asString()).isEqualTo(pointer);
		assertThat(problem.get("detail").asString()).containsIgnoringCase(says);
	}

	@Test
	void aBowTieNamesTheJtsReasonAndThePoint() {
		JsonNode problem = refused(reshape(
				polygon("[[[130.82,45.341],[130.821,45.342],[130.821,45.341],[130.82,45.342],[130.82,45.341]]]")), 400);
		assertThat(problem.get("reason").asString()).isEqualTo("Self-intersection");
		assertThat(problem.get("location").get(0).asDouble()).isCloseTo(130.8205, within(1e-9));
		assertThat(problem.get("location").get(1).asDouble()).isCloseTo(45.3415, within(1e-9));
	}

	@Test
	void nonJsonNumbersDuplicateKeysAndGarbageAreRefusedWithLineAndColumn() {
		for (String body : new String[] { reshape(polygon(String.format(SQUARE, "[NaN,45.341]"))),
				reshape(polygon(String.format(SQUARE, "[Infinity,45.341]"))),
				reshape(polygon(String.format(SQUARE, "[-Infinity,45.341]"))),
				"{\"kind\":\"delete\",\"kind\":\"reshape\",\"author\":\"李\",\"grid\":\"" + GRID + "\"}",
				"{\"kind\":\"delete\",\"author\":\"李\",\"grid\":\"" + GRID + "\"} trailing", "{\"kind\":", "" }) {
			JsonNode problem = refused(body, 400);
			assertThat(problem.get("parameter").asString()).isEqualTo("body");
			if (!body.isEmpty()) {
				assertThat(problem.get("detail").asString()).containsPattern("line \\d+, column \\d+");
			}
		}
	}

	@Test
	void aCrsMemberIsRefusedInFavourOfTheQueryParameter() {
		String geometry = "{\"type\":\"Polygon\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4490\"}},"
				+ "\"coordinates\":" + String.format(SQUARE, "[130.82,45.341]") + "}";
		JsonNode problem = refused(reshape(geometry), 400);
		assertThat(problem.get("pointer").asString()).isEqualTo("/grids/0/geometry/crs");
		assertThat(problem.get("detail").asString()).contains("crs query parameter");
	}

	@Test
	void wrongTypesAndEmptyGeometriesAreRefused() {
		for (String geometry : new String[] { "{\"type\":\"Point\",\"coordinates\":[130.82,45.341]}",
				"{\"type\":\"MultiPolygon\",\"coordinates\":[]}", "{\"type\":\"Polygon\"}",
				"{\"type\":\"GeometryCollection\",\"geometries\":[]}", "\"POLYGON((130 45, 131 45, 131 46, 130 45))\"",
				"null" }) {
			JsonNode problem = refused(reshape(geometry), 400);
			assertThat(problem.get("pointer").asString()).startsWith("/grids/0/geometry");
		}
		JsonNode line = refused("{\"kind\":\"split\",\"author\":\"李\",\"grid\":\"" + GRID
				+ "\",\"line\":{\"type\":\"Polygon\",\"coordinates\":" + String.format(SQUARE, "[130.82,45.341]")
				+ "}}", 400);
		assertThat(line.get("parameter").asString()).isEqualTo("line");
	}

	@Test
	void deepNestingIsRefused() {
		String deep = MalformedGeoJson.nested(200);
		JsonNode problem = refused(reshape(polygon(deep)), 400);
		assertThat(problem.get("detail").asString()).containsIgnoringCase("nest");
	}

	@Test
	void tooManyVerticesAndHugeBodiesAreRefused() {
		// 20,001 vertices: within the body limit, over the vertex limit.
		JsonNode problem = refused(reshape(polygon(MalformedGeoJson.circleRings(20_001))), 400);
		assertThat(problem.get("detail").asString()).contains("20000 vertices");

		// A million vertices is a body far over the size limit: 413 before any parsing.
		byte[] body = reshape(polygon(MalformedGeoJson.millionVertexRings())).getBytes(StandardCharsets.UTF_8);
		assertThat(body.length).isGreaterThan(4 * 1024 * 1024);
		JsonNode tooLarge = read(this.http.post()
			.uri("/api/v1/plans/" + this.plan + "/changes")
			.contentType(MediaType.APPLICATION_JSON)
			.header("If-Match", this.etag)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(tooLarge.get("type").asString()).isEqualTo("urn:gridmap:problem:body-too-large");
		assertThat(etag(this.plan)).isEqualTo(this.etag);
	}

	@Test
	void badMembersOutsideGeometriesNameTheMember() {
		for (String[] c : new String[][] { { "{\"kind\":\"teleport\",\"author\":\"李\"}", "kind" },
				{ "{\"kind\":\"attributes\",\"author\":\"李\",\"grid\":\"" + GRID + "\",\"set\":{\"households\":-3}}",
						"households" },
				{ "{\"kind\":\"attributes\",\"author\":\"李\",\"grid\":\"" + GRID + "\",\"set\":{\"colour\":\"red\"}}",
						"set" },
				{ "{\"kind\":\"attributes\",\"author\":\"李\",\"grid\":\"" + GRID + "\",\"set\":{\"type\":\"forest\"}}",
						"type" },
				{ "{\"kind\":\"staff\",\"author\":\"李\",\"grid\":\"" + GRID
						+ "\",\"staff\":[{\"role\":\"king\",\"name\":\"x\"}]}", "staff" },
				{ "{\"kind\":\"staff\",\"author\":\"李\",\"grid\":\"" + GRID
						+ "\",\"staff\":[{\"role\":\"police\",\"name\":\"x\",\"phone\":\"call me\"}]}", "staff" },
				{ "{\"kind\":\"merge\",\"author\":\"李\",\"grids\":[\"" + GRID + "\"]}", "grids" },
				{ "[1,2,3]", "body" } }) {
			JsonNode problem = refused(c[0], 400);
			assertThat(problem.get("parameter").asString()).as(c[0]).isEqualTo(c[1]);
		}
		post("/api/v1/plans/" + this.plan + "/changes?crs=EPSG:3857", this.etag,
				reshape(polygon(String.format(SQUARE, "[130.82,45.341]"))))
			.expectStatus()
			.isBadRequest();
		assertThat(etag(this.plan)).isEqualTo(this.etag);
	}

}
