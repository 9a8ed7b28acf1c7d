package org.gridmap.incident;

import java.util.List;
import java.util.Map;

import org.gridmap.Fixtures;
import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV import of historical reports, and open reports following a boundary change. */
class IncidentImportAndReassignTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	private long count(String sql) {
		return this.db.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
	}

	private String csv(int rows, String badLine) {
		List<Map<String, Object>> points = this.db.sql("""
				SELECT ST_X(p) AS lon, ST_Y(p) AS lat
				FROM (SELECT ST_PointOnSurface(geom) AS p FROM grid WHERE valid_to = 'infinity' ORDER BY code) g""")
			.fetch()
			.all()
			.collectList()
			.block();
		String matter = this.db.sql("SELECT min(code) FROM matter")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		StringBuilder out = new StringBuilder("matter,description,lon,lat,reported_at,status,closed_at,address\r\n");
		for (int i = 0; i < rows; i++) {
			Map<String, Object> p = points.get(i % points.size());
			out.append(matter)
				.append(",\"导入的历史事件, 第")
				.append(i)
				.append("条 \"\"引号\"\"\",")
				.append(p.get("lon"))
				.append(',')
				.append(p.get("lat"))
				.append(",2025-03-0")
				.append(1 + i % 9)
				.append("T09:00:00+08:00,closed,2025-03-1")
				.append(i % 9)
				.append("T10:00:00+08:00,\r\n");
			if (badLine != null && i == rows / 2) {
				out.append(badLine).append("\r\n");
			}
		}
		return out.toString();
	}

	@Test
	void aGoodFileIsImportedWholeWithAssignmentAndATimelineStep() {
		long before = count("SELECT count(*) FROM incident WHERE channel = 'import'");
		JsonNode summary = this.json.readTree(this.http.post()
			.uri("/api/v1/incidents/imports?actor=档案室")
			.contentType(MediaType.parseMediaType("text/csv"))
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(csv(3000, null))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(summary.get("phase").asString()).isEqualTo("done");
		assertThat(summary.get("loaded").asLong()).isEqualTo(3000);
		assertThat(count("SELECT count(*) FROM incident WHERE channel = 'import'")).isEqualTo(before + 3000);
		assertThat(count("SELECT count(*) FROM incident WHERE channel = 'import' AND grid_code IS NULL")).isZero();
		assertThat(count("""
				SELECT count(*) FROM incident i JOIN incident_event e ON e.incident_id = i.id
				WHERE i.channel = 'import' AND e.action = 'import' AND e.actor = '档案室'""")).isEqualTo(before + 3000);
		assertThat(count("SELECT count(*) FROM incident WHERE description = '导入的历史事件, 第7条 \"引号\"'")).isEqualTo(1);
	}

	@Test
	void progressStreamsAsNdjson() {
		List<String> lines = this.http.post()
			.uri("/api/v1/incidents/imports")
			.contentType(MediaType.parseMediaType("text/csv"))
			.accept(MediaType.APPLICATION_NDJSON)
			.bodyValue(csv(12_000, null))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.collectList()
			.block();
		List<String> phases = lines.stream().map((line) -> this.json.readTree(line).get("phase").asString()).toList();
		assertThat(phases).startsWith("checked").endsWith("done").contains("staging");
		assertThat(phases.stream().filter("staging"::equals).count()).isEqualTo(3);
	}

	@Test
	void aFileWithBadRowsIsRefusedWholeWithEveryProblemListed() {
		long before = count("SELECT count(*) FROM incident");
		JsonNode problem = this.json.readTree(this.http.post()
			.uri("/api/v1/incidents/imports")
			.contentType(MediaType.parseMediaType("text/csv"))
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(csv(500,
					"no-such-matter,坏行,130.8,45.35,2025-03-01T09:00:00+08:00,closed,2025-03-02T09:00:00+08:00,")
					+ "x,y,abc,45,2025-01-01,closed,2025-01-02,\r\n")
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(problem.get("errors").size()).isEqualTo(2);
		assertThat(problem.get("errors").get(0).get("line").asInt()).isEqualTo(253);
		assertThat(problem.get("errors").get(0).get("column").asString()).isEqualTo("matter");
		assertThat(problem.get("errors").get(1).get("column").asString()).isEqualTo("lon");
		assertThat(count("SELECT count(*) FROM incident")).isEqualTo(before);
	}

	@Test
	void badHeadersAndEmptyFilesAreRefused() {
		for (String body : List.of("", "matter,description\r\nx,y\r\n",
				"matter,description,lon,lat,reported_at,colour\r\n",
				"matter,description,lon,lat,reported_at\r\n\"unclosed,quote,1,2,2025-01-01\r\n")) {
			this.http.post()
				.uri("/api/v1/incidents/imports")
				.contentType(MediaType.parseMediaType("text/csv"))
				.accept(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isEqualTo(422);
		}
	}

	@Test
	void openReportsFollowABoundaryChangeAndClosedOnesKeepTheirGrid() {
		Fixtures.load(this.db, "lookup-edge-grids.sql");
		Map<String, Object> matter = Map.of("matter",
				this.db.sql("SELECT min(code) FROM matter").map((row, meta) -> row.get(0, String.class)).one().block());
		long open = report(matter, "仍未办结");
		long closed = report(matter, "已办结");
		this.db.sql("UPDATE incident SET status = 'closed', closed_at = now() WHERE id = " + closed).then().block();
		// The fixture's grid A holds (100.5, 30.5) during 2001: publishing "as of
		// 2001-06-01"
		// moves the open report there and leaves the closed one where it was (nowhere).
		Integer moved = this.db
			.sql("SELECT gridmap_reassign_open_incidents('2001-06-01T00:00+08', 'planner', "
					+ "ST_MakeEnvelope(100, 30, 102, 32, 4326))")
			.map((row, meta) -> row.get(0, Integer.class))
			.one()
			.block();
		assertThat(moved).isGreaterThanOrEqualTo(1);
		assertThat(this.db.sql("SELECT grid_code FROM incident WHERE id = " + open)
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("999999001001001");
		assertThat(count("SELECT count(*) FROM incident WHERE id = " + closed + " AND grid_code IS NULL")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM incident_event WHERE incident_id = " + open
				+ " AND action = 'reassign' AND details->>'toGrid' = '999999001001001'"))
			.isEqualTo(1);
		// Nothing changes when asked again.
		assertThat(this.db
			.sql("SELECT gridmap_reassign_open_incidents('2001-06-01T00:00+08', 'planner', "
					+ "ST_MakeEnvelope(100, 30, 102, 32, 4326))")
			.map((row, meta) -> row.get(0, Integer.class))
			.one()
			.block()).isZero();
	}

	private long report(Map<String, Object> matter, String description) {
		Map<String, Object> body = new java.util.HashMap<>(matter);
		body.putAll(Map.of("description", description, "lon", 100.5, "lat", 30.5));
		return this.json
			.readTree(this.http.post()
				.uri("/api/v1/incidents")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody()
				.returnResult()
				.getResponseBody())
			.get("id")
			.asLong();
	}

}
