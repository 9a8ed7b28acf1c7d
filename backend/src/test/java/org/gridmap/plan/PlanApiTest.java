package org.gridmap.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridmap.geo.ChinaCoordinates;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Draft plans on the demo district over HTTP: creating and listing them, splitting,
 * merging and reshaping grids in a draft, the validation report (a gap with its polygon
 * and area), the impact report and code plan, undo, the audit trail and the If-Match
 * rules. Nothing here publishes: the live grids stay as they are.
 */
class PlanApiTest extends PlanTestSupport {

	static final String COMMUNITY = "230304001002";

	@Test
	void aPlanIsCreatedWithAnETagAndListedByItsStreet() {
		ObjectNode plan = createPlan(COMMUNITY, today().plusDays(10));
		long id = plan.get("id").asLong();
		assertThat(plan.get("status").asString()).isEqualTo("draft");
		assertThat(plan.get("parent").get("level").asString()).isEqualTo("community");
		assertThat(plan.get("communities").get(0).asString()).isEqualTo(COMMUNITY);
		assertThat(plan.get("etag").asString()).isEqualTo("\"plan-" + id + "-1\"");
		this.http.get()
			.uri("/api/v1/plans/" + id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", "\"plan-" + id + "-1\"");
		this.http.get()
			.uri("/api/v1/plans/" + id)
			.header("If-None-Match", "\"plan-" + id + "-1\"")
			.exchange()
			.expectStatus()
			.isNotModified();
		JsonNode list = get("/api/v1/plans?parent=230304001&status=draft");
		List<Long> ids = new ArrayList<>();
		list.get("plans").forEach((p) -> ids.add(p.get("id").asLong()));
		assertThat(ids).contains(id);
	}

	@Test
	void aPlanNeedsAKnownParentAndAnEffectiveDateFromToday() {
		for (Map<String, String> body : List
			.of(Map.of("name", "x", "parent", "230304999", "effectiveDate", today().toString(), "author", "王"),
					Map.of("name", "x", "parent", "23030400100", "effectiveDate", today().toString(), "author", "王"),
					Map.of("name", "x", "parent", COMMUNITY, "effectiveDate", today().minusDays(1).toString(), "author",
							"王"),
					Map.of("name", "x", "parent", COMMUNITY, "effectiveDate", "2026-13-01", "author", "王"))) {
			JsonNode problem = read(post("/api/v1/plans", null, body).expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.returnResult()
				.getResponseBody());
			assertThat(problem.get("parameter").asString()).isIn("parent", "effectiveDate", "author");
		}
	}

	@Test
	void splittingAGridMakesTwoGridsWithAPlannedCodeAndMovesItsAddresses() {
		long id = createPlan(COMMUNITY, today().plusDays(10)).get("id").asLong();
		String grid = COMMUNITY + "003";
		double[] cut = cutAcross(grid);
		JsonNode result = change(id, etag(id), Map.of("kind", "split", "author", "李规划", "grid", grid, "line", Map
			.of("type", "LineString", "coordinates", List.of(List.of(cut[0], cut[1]), List.of(cut[2], cut[3])))));
		JsonNode recorded = result.get("changes").get(0);
		assertThat(recorded.get("kind").asString()).isEqualTo("split");
		// the signed-in user, whatever the body says
		assertThat(recorded.get("author").asString()).isEqualTo("admin");
		int seq = recorded.get("seq").asInt();
		String piece = "new:" + seq + ".1";
		assertThat(recorded.get("grids").toString()).contains(grid, piece);
		assertThat(recorded.get("baseVersions").has(grid)).isTrue();

		JsonNode grids = get("/api/v1/plans/" + id + "/grids");
		assertThat(grids.get("features").size()).isGreaterThanOrEqualTo(8);
		JsonNode made = draftGrid(id, piece);
		String highest = text("SELECT max(code) FROM grid WHERE community_code = '" + COMMUNITY + "'");
		assertThat(made.get("properties").get("plannedCode").asString())
			.isEqualTo(COMMUNITY + String.format("%03d", Integer.parseInt(highest.substring(12)) + 1));
		assertThat(made.get("properties").get("state").asString()).isEqualTo("new");
		assertThat(draftGrid(id, grid).get("properties").get("state").asString()).isEqualTo("changed");

		JsonNode validation = get("/api/v1/plans/" + id + "/validation");
		assertThat(validation.get("errors").asInt()).isZero();
		assertThat(codes(validation)).doesNotContain("gap", "overlap", "edge-mismatch");

		JsonNode impact = get("/api/v1/plans/" + id + "/impact?addressLimit=5");
		long before = count("SELECT count(*) FROM address WHERE grid_code = '" + grid + "'");
		JsonNode original = row(impact, grid);
		JsonNode newRow = row(impact, piece);
		assertThat(original.get("addressesBefore").asLong()).isEqualTo(before);
		assertThat(original.get("addressesAfter").asLong() + newRow.get("addressesAfter").asLong()).isEqualTo(before);
		assertThat(newRow.get("addressesAfter").asLong()).isPositive();
		assertThat(impact.get("addresses").get("moved").asLong()).isEqualTo(newRow.get("addressesAfter").asLong());
		assertThat(impact.get("addresses").get("items")).hasSizeLessThanOrEqualTo(5);
		assertThat(impact.get("addresses").get("items").get(0).get("from").asString()).isEqualTo(grid);
		assertThat(impact.get("codePlan").get(0).get("key").asString()).isEqualTo(piece);
	}

	@Test
	void aLineThatDoesNotCrossTheGridIsRefusedAndNothingIsRecorded() {
		long id = createPlan(COMMUNITY, today().plusDays(10)).get("id").asLong();
		String grid = COMMUNITY + "003";
		double[] cut = cutAcross(grid);
		double midLon = (cut[0] + cut[2]) / 2;
		double midLat = (cut[1] + cut[3]) / 2;
		JsonNode problem = read(post("/api/v1/plans/" + id + "/changes", etag(id),
				Map.of("kind", "split", "author", "李", "grid", grid, "line",
						Map.of("type", "LineString", "coordinates",
								List.of(List.of(midLon, midLat), List.of(midLon + 0.00001, midLat + 0.00001)))))
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(problem.get("type").asString()).isEqualTo("urn:gridmap:problem:change-not-applicable");
		assertThat(etag(id)).isEqualTo("\"plan-" + id + "-1\"");
		post("/api/v1/plans/" + id + "/changes", etag(id),
				Map.of("kind", "delete", "author", "李", "grid", "230304001999999"))
			.expectStatus()
			.isEqualTo(422);
	}

	@Test
	void mergingAdjacentGridsKeepsTheLowestCodeAndMovesTheStaff() {
		long id = createPlan(COMMUNITY, today().plusDays(10)).get("id").asLong();
		SharedVertex shared = sharedVertex(COMMUNITY, 0);
		long staffOfB = count("SELECT count(*) FROM grid_staff WHERE grid_code = '" + shared.b() + "'");
		long staffOfA = count("SELECT count(*) FROM grid_staff WHERE grid_code = '" + shared.a() + "'");
		change(id, etag(id), Map.of("kind", "merge", "author", "李规划", "grids", List.of(shared.b(), shared.a())));
		JsonNode grids = get("/api/v1/plans/" + id + "/grids");
		assertThat(grids.get("features")).hasSize(6);
		assertThat(grids.get("removed").get(0).get("code").asString()).isEqualTo(shared.b());
		assertThat(grids.get("removed").get(0).get("into").asString()).isEqualTo(shared.a());
		JsonNode kept = draftGrid(id, shared.a());
		assertThat(kept.get("geometry").get("coordinates")).hasSize(1);
		assertThat(kept.get("properties").get("staff").size()).isEqualTo((int) (staffOfA + staffOfB));
		long households = count(
				"SELECT sum(households) FROM address WHERE grid_code IN ('" + shared.a() + "', '" + shared.b() + "')");
		assertThat(kept.get("properties").get("households").asLong()).isEqualTo(households);
		JsonNode validation = get("/api/v1/plans/" + id + "/validation");
		assertThat(validation.get("errors").asInt()).isZero();
		assertThat(codes(validation)).contains("households-out-of-range");
		JsonNode impact = get("/api/v1/plans/" + id + "/impact");
		assertThat(impact.get("staff")).hasSize((int) staffOfB);
		assertThat(impact.get("staff").get(0).get("reason").asString()).isEqualTo("merged");
		assertThat(row(impact, shared.b()).get("state").asString()).isEqualTo("merged");

		// Grids that do not touch cannot be merged.
		String far = text("SELECT max(code) FROM grid g WHERE community_code = '" + COMMUNITY
				+ "' AND NOT ST_Intersects(g.geom, (SELECT ST_Union(geom) FROM grid WHERE code IN ('" + shared.a()
				+ "', '" + shared.b() + "') AND valid_to = 'infinity'))");
		post("/api/v1/plans/" + id + "/changes", etag(id),
				Map.of("kind", "merge", "author", "李", "grids", List.of(shared.a(), far)))
			.expectStatus()
			.isEqualTo(422);
	}

	@Test
	void aReshapeThatLeavesAGapIsShownWithTheGapPolygonAndItsArea() {
		long id = createPlan(COMMUNITY, today().plusDays(10)).get("id").asLong();
		String grid = COMMUNITY + "002";
		JsonNode shrunk = this.json.readTree(text(
				"SELECT ST_AsGeoJSON(ST_Buffer(geom, -0.0003), 15) FROM grid WHERE valid_to = 'infinity' AND code = '"
						+ grid + "'"));
		double expected = this.db
			.sql("SELECT ST_Area(ST_Difference(geom, ST_Buffer(geom, -0.0003))::geography) "
					+ "FROM grid WHERE valid_to = 'infinity' AND code = '" + grid + "'")
			.map((row, meta) -> row.get(0, Double.class))
			.one()
			.block();
		change(id, etag(id),
				Map.of("kind", "reshape", "author", "李规划", "grids", List.of(Map.of("grid", grid, "geometry", shrunk))));
		JsonNode validation = get("/api/v1/plans/" + id + "/validation");
		assertThat(validation.get("valid").asBoolean()).isFalse();
		JsonNode gap = null;
		for (JsonNode problem : validation.get("problems")) {
			if (problem.get("code").asString().equals("gap")) {
				gap = problem;
			}
		}
		assertThat(gap).isNotNull();
		assertThat(gap.get("severity").asString()).isEqualTo("error");
		assertThat(gap.get("location").get("type").asString()).isEqualTo("Polygon");
		assertThat(gap.get("location").get("coordinates")).hasSize(2);
		assertThat(gap.get("areaM2").asDouble()).isCloseTo(expected, within(expected * 0.005));
		assertThat(gap.get("grids").toString()).contains(grid);
		assertThat(gap.get("community").asString()).isEqualTo(COMMUNITY);
		JsonNode impact = get("/api/v1/plans/" + id + "/impact");
		assertThat(row(impact, grid).get("addressesAfter").asLong())
			.isLessThan(row(impact, grid).get("addressesBefore").asLong());
	}

	@Test
	void aSharedVertexMovedInBothGridsKeepsTheCoverageExact() {
		long id = createPlan(COMMUNITY, today().plusDays(10)).get("id").asLong();
		SharedVertex shared = sharedVertex(COMMUNITY, 1);
		change(id, etag(id), moveVertex(id, shared, 0.00005, 0.00003));
		JsonNode validation = get("/api/v1/plans/" + id + "/validation");
		assertThat(validation.get("errors").asInt()).isZero();
		assertThat(codes(validation)).doesNotContain("edge-mismatch");
		assertThat(draftGrid(id, shared.a()).get("properties").get("state").asString()).isEqualTo("changed");

		// Moved in one grid only, the edge no longer matches: an overlap or gap.
		SharedVertex moved = shared.movedBy(0.00005, 0.00003);
		ObjectNode half = moveVertex(id, moved, 0.0002, 0.0002);
		((ArrayNode) half.get("grids")).remove(1);
		change(id, etag(id), half);
		JsonNode broken = get("/api/v1/plans/" + id + "/validation");
		assertThat(codes(broken)).containsAnyOf("gap", "overlap");
	}

	@Test
	void createAttributesStaffAndDeleteAreRecordedAndUndoable() {
		long id = createPlan(COMMUNITY, today().plusDays(10)).get("id").asLong();
		String grid = COMMUNITY + "001";
		change(id, etag(id), Map.of("kind", "attributes", "author", "李", "grid", grid, "set",
				Map.of("name", "新名字网格", "hotline", "0467-1234567")));
		change(id, etag(id), Map.of("kind", "staff", "author", "赵", "grid", grid, "staff",
				List.of(Map.of("role", "grid_head", "name", "张三", "phone", "13800000000"))));
		JsonNode draft = draftGrid(id, grid).get("properties");
		assertThat(draft.get("name").asString()).isEqualTo("新名字网格");
		assertThat(draft.get("staff")).hasSize(1);
		JsonNode deleted = change(id, etag(id), Map.of("kind", "delete", "author", "李", "grid", grid));
		int seq = deleted.get("changes").get(0).get("seq").asInt();
		assertThat(codes(get("/api/v1/plans/" + id + "/validation"))).contains("gap");
		read(post("/api/v1/plans/" + id + "/changes/" + seq + "/undo", etag(id), Map.of("author", "李")).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(codes(get("/api/v1/plans/" + id + "/validation"))).doesNotContain("gap");
		// An undone change cannot be undone again.
		post("/api/v1/plans/" + id + "/changes/" + seq + "/undo", etag(id), Map.of("author", "李")).expectStatus()
			.isEqualTo(422);

		// A created grid with a malformed code is reported by validation, not refused.
		ObjectNode create = this.json.createObjectNode();
		create.put("kind", "create");
		create.put("author", "李");
		ObjectNode newGrid = create.putObject("grid");
		newGrid.put("code", "12345");
		newGrid.put("name", "飞地");
		newGrid.put("type", "urban");
		newGrid.set("geometry", this.json.readTree("{\"type\":\"Polygon\",\"coordinates\":"
				+ "[[[131.5,45.5],[131.501,45.5],[131.501,45.501],[131.5,45.501],[131.5,45.5]]]}"));
		change(id, etag(id), create);
		List<String> problems = codes(get("/api/v1/plans/" + id + "/validation"));
		assertThat(problems).contains("code-malformed", "outside-parent", "households-out-of-range");

		JsonNode trail = get("/api/v1/plans/" + id + "/changes");
		List<String> kinds = new ArrayList<>();
		trail.get("changes").forEach((c) -> kinds.add(c.get("kind").asString()));
		assertThat(kinds).containsExactly("plan", "attributes", "staff", "delete", "undo", "create");
		assertThat(trail.get("changes").get(3).get("undone").asBoolean()).isTrue();
		assertThat(trail.get("changes").get(1).get("author").asString()).isEqualTo("admin");
		assertThat(trail.get("changes").get(2).get("author").asString()).isEqualTo("admin");
		assertThat(get("/api/v1/plans/" + id).get("changes").asInt()).isEqualTo(3);
	}

	@Test
	void everyWriteNeedsTheCurrentETag() {
		long id = createPlan(COMMUNITY, today().plusDays(10)).get("id").asLong();
		String first = etag(id);
		Map<String, Object> rename = Map.of("kind", "attributes", "author", "李", "grid", COMMUNITY + "001", "set",
				Map.of("name", "改名"));
		for (String path : List.of("/changes", "/publish", "/discard")) {
			JsonNode problem = read(
					post("/api/v1/plans/" + id + path, null, path.equals("/changes") ? rename : Map.of("author", "李"))
						.expectStatus()
						.isEqualTo(428)
						.expectBody()
						.returnResult()
						.getResponseBody());
			assertThat(problem.get("currentETag").asString()).isEqualTo(first);
		}
		this.http.patch()
			.uri("/api/v1/plans/" + id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("author", "李", "name", "新名"))
			.exchange()
			.expectStatus()
			.isEqualTo(428);
		this.http.delete().uri("/api/v1/plans/" + id + "?author=李").exchange().expectStatus().isEqualTo(428);
		post("/api/v1/plans/" + id + "/changes", "*", rename).expectStatus().isEqualTo(428);

		change(id, first, rename);
		String second = etag(id);
		assertThat(second).isNotEqualTo(first);
		// A planner who loaded the first version cannot overwrite the second.
		JsonNode stale = read(post("/api/v1/plans/" + id + "/changes", first, rename).expectStatus()
			.isEqualTo(412)
			.expectHeader()
			.valueEquals("ETag", second)
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(stale.get("currentETag").asString()).isEqualTo(second);
		post("/api/v1/plans/" + id + "/publish", first, Map.of("author", "李")).expectStatus().isEqualTo(412);
		this.http.patch()
			.uri("/api/v1/plans/" + id)
			.header("If-Match", first)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("author", "李", "name", "新名"))
			.exchange()
			.expectStatus()
			.isEqualTo(412);
		assertThat(etag(id)).isEqualTo(second);
		assertThat(get("/api/v1/plans/" + id).get("changes").asInt()).isEqualTo(1);

		this.http.patch()
			.uri("/api/v1/plans/" + id)
			.header("If-Match", second)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("author", "李", "name", "新名", "effectiveDate", today().plusDays(20).toString()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("新名");
		this.http.delete()
			.uri("/api/v1/plans/" + id + "?author=李")
			.header("If-Match", etag(id))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("discarded");
		post("/api/v1/plans/" + id + "/changes", etag(id), rename).expectStatus().isEqualTo(409);
		this.http.get().uri("/api/v1/plans/" + id + "/validation").exchange().expectStatus().isEqualTo(409);
		this.http.get().uri("/api/v1/plans/999999999").exchange().expectStatus().isNotFound();
	}

	@Test
	void inputInGcj02IsStoredInWgs84AndDraftGridsCanBeReadInGcj02() {
		long id = createPlan(COMMUNITY, today().plusDays(10)).get("id").asLong();
		String grid = COMMUNITY + "004";
		JsonNode wgs = draftGrid(id, grid).get("geometry");
		JsonNode gcj = null;
		JsonNode inGcj = get("/api/v1/plans/" + id + "/grids?crs=GCJ-02");
		JsonNode first = wgs.get("coordinates").get(0).get(0).get(0);
		for (JsonNode feature : inGcj.get("features")) {
			if (feature.get("id").asString().equals(grid)) {
				gcj = feature.get("geometry");
			}
		}
		double[] expected = ChinaCoordinates.wgs84ToGcj02(first.get(0).doubleValue(), first.get(1).doubleValue());
		JsonNode converted = gcj.get("coordinates").get(0).get(0).get(0);
		assertThat(converted.get(0).doubleValue()).isCloseTo(expected[0], within(1e-12));
		assertThat(converted.get(1).doubleValue()).isCloseTo(expected[1], within(1e-12));
		// The same shape sent back in GCJ-02 is the same grid in WGS 84 (to ~0.1 mm).
		post("/api/v1/plans/" + id + "/changes?crs=GCJ-02", etag(id),
				Map.of("kind", "reshape", "author", "李", "grids", List.of(Map.of("grid", grid, "geometry", gcj))))
			.expectStatus()
			.isCreated();
		JsonNode back = draftGrid(id, grid).get("geometry").get("coordinates").get(0).get(0).get(0);
		assertThat(back.get(0).doubleValue()).isCloseTo(first.get(0).doubleValue(), within(1e-8));
		assertThat(back.get(1).doubleValue()).isCloseTo(first.get(1).doubleValue(), within(1e-8));
	}

	@Test
	void gridsHaveAStrongETagAndAHistory() {
		String code = COMMUNITY + "005";
		String tag = this.http.get()
			.uri("/api/v1/grids/" + code)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("application/geo+json"))
			.returnResult(String.class)
			.getResponseHeaders()
			.getETag();
		assertThat(tag).startsWith("\"").doesNotStartWith("W/");
		this.http.get()
			.uri("/api/v1/grids/" + code)
			.header("If-None-Match", tag)
			.exchange()
			.expectStatus()
			.isNotModified();
		JsonNode history = get("/api/v1/grids/" + code + "/history");
		assertThat(history.get("versions")).isNotEmpty();
		this.http.get().uri("/api/v1/grids/12345").exchange().expectStatus().isBadRequest();
		this.http.get().uri("/api/v1/grids/999999999999999").exchange().expectStatus().isNotFound();
		this.http.get().uri("/api/v1/grids/999999999999999/history").exchange().expectStatus().isNotFound();
	}

	static List<String> codes(JsonNode validation) {
		List<String> codes = new ArrayList<>();
		validation.get("problems").forEach((p) -> codes.add(p.get("code").asString()));
		return codes;
	}

	static JsonNode row(JsonNode impact, String key) {
		for (JsonNode row : impact.get("grids")) {
			if (row.get("key").asString().equals(key)) {
				return row;
			}
		}
		throw new AssertionError("No impact row " + key);
	}

}
