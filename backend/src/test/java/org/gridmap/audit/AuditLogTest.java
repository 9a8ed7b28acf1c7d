package org.gridmap.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every write leaves an audit row with who (the request's principal), when, what and the
 * row before and after; the log refuses updates, deletes and truncation; a write that
 * rolls back leaves none; no connection carries one request's actor into another's
 * writes; admins read it through {@code GET /api/v1/audit}.
 */
class AuditLogTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveTransactionManager transactions;

	private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);

	private long lastId() {
		return this.db.sql("SELECT coalesce(max(id), 0) FROM audit_log")
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private List<Map<String, Object>> rowsSince(long id, String table) {
		return this.db.sql("""
				SELECT id, at, actor, action, table_name, row_key, before::text AS before, after::text AS after, request
				FROM audit_log WHERE id > :id AND table_name = :table ORDER BY id""")
			.bind("id", id)
			.bind("table", table)
			.fetch()
			.all()
			.collectList()
			.block();
	}

	private JsonNode post(String actor, String uri, Object body, int status) {
		return this.json.readTree(this.http.post()
			.uri(uri)
			.header(TestPrincipalWebFilter.HEADER, actor)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private Map<String, Object> reportBody(String description) {
		Map<String, Object> point = this.db.sql("""
				SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM grid
				WHERE valid_to = 'infinity' ORDER BY code OFFSET 5 LIMIT 1) g""").fetch().one().block();
		String matter = this.db.sql("SELECT code FROM matter ORDER BY code LIMIT 1")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		return Map.of("matter", matter, "description", description, "lon", point.get("lon"), "lat", point.get("lat"),
				"channel", "app", "reporter", Map.of("name", "审计测试", "phone", "13900002222"));
	}

	@Test
	void aReportAndAWorkflowStepLeaveRowsWithActorTimeBeforeAndAfter() {
		long mark = lastId();
		String description = "审计 " + this.run;
		JsonNode receipt = post("resident-" + this.run, "/api/v1/incidents", reportBody(description), 201);
		String id = receipt.get("id").asString();

		List<Map<String, Object>> incident = rowsSince(mark, "incident");
		assertThat(incident).hasSize(1);
		Map<String, Object> insert = incident.get(0);
		assertThat(insert).containsEntry("actor", "resident-" + this.run)
			.containsEntry("action", "insert")
			.containsEntry("row_key", id)
			.containsEntry("request", "POST /api/v1/incidents");
		assertThat(insert.get("at")).isNotNull();
		assertThat(insert.get("before")).isNull();
		assertThat(this.json.readTree((String) insert.get("after")).get("description").asString())
			.isEqualTo(description);
		assertThat(rowsSince(mark, "incident_event")).extracting((row) -> row.get("actor"))
			.containsOnly("resident-" + this.run);

		long step = lastId();
		post("dispatcher-" + this.run, "/api/v1/incidents/" + id + "/actions",
				Map.of("action", "register", "actor", "张调度", "role", "dispatcher"), 200);
		List<Map<String, Object>> update = rowsSince(step, "incident");
		assertThat(update).hasSize(1);
		assertThat(update.get(0)).containsEntry("actor", "dispatcher-" + this.run)
			.containsEntry("action", "update")
			.containsEntry("row_key", id);
		JsonNode before = this.json.readTree((String) update.get(0).get("before"));
		JsonNode after = this.json.readTree((String) update.get(0).get("after"));
		assertThat(before.get("status").asString()).isEqualTo("reported");
		assertThat(after.get("status").asString()).isEqualTo("registered");
		// Only what changed: the description stayed, so it is on neither side.
		assertThat(before.has("description")).isFalse();
		assertThat(after.has("description")).isFalse();

		// Without a principal, a request is written as anonymous.
		long anonymous = lastId();
		WebTestClient.bindToServer()
			.baseUrl(baseUrl())
			.build()
			.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(reportBody("匿名 " + this.run))
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(rowsSince(anonymous, "incident")).extracting((row) -> row.get("actor")).containsExactly("anonymous");
	}

	@Test
	void signedInUsersAreTheActorsAndUserManagementIsLoggedWithoutPasswordHashes() {
		long mark = lastId();
		String login = createUser("DISPATCHER", "230304");
		List<Map<String, Object>> users = rowsSince(mark, "users");
		assertThat(users).isNotEmpty();
		assertThat(users.get(0)).containsEntry("actor", "admin").containsEntry("action", "insert");
		assertThat((String) users.get(0).get("after")).contains(login)
			.doesNotContain("password")
			.doesNotContain("bcrypt");

		JsonNode receipt = post("resident-" + this.run, "/api/v1/incidents", reportBody("签名 " + this.run), 201);
		long step = lastId();
		withToken(signIn(login, USER_PASSWORD)).post()
			.uri("/api/v1/incidents/" + receipt.get("id").asString() + "/actions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "register"))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(rowsSince(step, "incident")).extracting((row) -> row.get("actor")).containsExactly(login);
	}

	@Test
	void aStationEditIsLoggedWithTheFieldsBeforeAndAfter() {
		String code = "AUD" + this.run.toUpperCase().replaceAll("[^A-Z0-9]", "");
		long mark = lastId();
		String etag = this.http.post()
			.uri("/api/v1/stations")
			.header(TestPrincipalWebFilter.HEADER, "planner-" + this.run)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("code", code, "name", "审计驿站", "type", "党群驿站", "lon", 130.80, "lat", 45.35))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseHeaders()
			.getETag();
		String edited = this.http.patch()
			.uri("/api/v1/stations/" + code)
			.header(TestPrincipalWebFilter.HEADER, "editor-" + this.run)
			.header(HttpHeaders.IF_MATCH, etag)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"hours\": \"全天\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseHeaders()
			.getETag();
		List<Map<String, Object>> rows = rowsSince(mark, "service_station");
		assertThat(rows).extracting((row) -> row.get("action")).containsExactly("insert", "update");
		assertThat(rows).extracting((row) -> row.get("row_key")).containsOnly(code);
		assertThat(rows.get(0)).containsEntry("actor", "planner-" + this.run);
		assertThat(rows.get(1)).containsEntry("actor", "editor-" + this.run)
			.containsEntry("request", "PATCH /api/v1/stations/" + code);
		assertThat(this.json.readTree((String) rows.get(1).get("after")).get("hours").asString()).isEqualTo("全天");
		assertThat(this.json.readTree((String) rows.get(1).get("before")).get("hours").isNull()).isTrue();

		// Admins read it back: newest first, filtered by table and key.
		JsonNode page = this.json.readTree(this.http.get()
			.uri("/api/v1/audit?table=service_station&key=" + code)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(page.get("entries").valueStream().map((e) -> e.get("action").asString()).toList())
			.containsExactly("update", "insert");
		assertThat(page.get("entries").get(0).get("actor").asString()).isEqualTo("editor-" + this.run);
		JsonNode byActor = this.json.readTree(this.http.get()
			.uri("/api/v1/audit?actor=planner-" + this.run + "&limit=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(byActor.get("entries")).hasSize(1);
		assertThat(byActor.get("entries").get(0).get("key").asString()).isEqualTo(code);

		// The other test classes expect the demo's stations only; the deletion is logged
		// too.
		this.http.delete()
			.uri("/api/v1/stations/" + code)
			.header(HttpHeaders.IF_MATCH, edited)
			.exchange()
			.expectStatus()
			.is2xxSuccessful();
		assertThat(rowsSince(mark, "service_station")).extracting((row) -> row.get("action"))
			.containsExactly("insert", "update", "delete");
	}

	@Test
	void theLogRefusesUpdateDeleteAndTruncate() {
		this.db.sql("INSERT INTO department (code, name) VALUES (:code, '审计部门')")
			.bind("code", "audit-" + this.run)
			.then()
			.block();
		long count = lastId();
		for (String sql : List.of("UPDATE audit_log SET actor = 'forged' WHERE id = " + count,
				"DELETE FROM audit_log WHERE id = " + count, "TRUNCATE audit_log")) {
			assertThatThrownBy(() -> this.db.sql(sql).then().block()).as(sql).hasMessageContaining("audit_log");
		}
		assertThat(this.db.sql("SELECT actor FROM audit_log WHERE id = " + count)
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("system");
		removeDepartment("audit-" + this.run);
	}

	@Test
	void aWriteThatRollsBackLeavesNoAuditRow() {
		String code = "rollback-" + this.run;
		TransactionalOperator transaction = TransactionalOperator.create(this.transactions);
		Mono<Void> failing = this.db.sql("INSERT INTO department (code, name) VALUES (:code, '回滚')")
			.bind("code", code)
			.then()
			.then(Mono.error(new IllegalStateException("fails after the write")));
		assertThatThrownBy(() -> transaction.transactional(failing).block()).hasMessageContaining("fails after");
		assertThat(this.db.sql("SELECT count(*) FROM audit_log WHERE table_name = 'department' AND row_key = :code")
			.bind("code", code)
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block()).isZero();
		// And a bad request that is refused writes nothing either.
		long mark = lastId();
		this.http.post()
			.uri("/api/v1/incidents")
			.header(TestPrincipalWebFilter.HEADER, "refused-" + this.run)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("matter", "no-such-matter", "description", "x", "lon", 130.8, "lat", 45.35))
			.exchange()
			.expectStatus()
			.is4xxClientError();
		assertThat(lastId()).isEqualTo(mark);
	}

	@Test
	void noConnectionCarriesARequestsActorIntoOtherWork() {
		for (int i = 0; i < 4; i++) {
			post("carrier-" + this.run, "/api/v1/incidents", reportBody("连接 " + this.run + " " + i), 201);
		}
		// Work without a request (system jobs, reads) on the same pool, many times over,
		// so that it gets the connections the requests used.
		List<String> actors = Flux.range(0, 40)
			.concatMap((i) -> this.db.sql("SELECT coalesce(current_setting('gridmap.actor', true), '') AS a")
				.map((row, meta) -> row.get(0, String.class))
				.one())
			.collectList()
			.block();
		assertThat(actors).containsOnly("");
		long mark = lastId();
		this.db.sql("INSERT INTO department (code, name) VALUES (:code, '系统')")
			.bind("code", "system-" + this.run)
			.then()
			.block();
		assertThat(rowsSince(mark, "department")).extracting((row) -> row.get("actor")).containsExactly("system");
		removeDepartment("system-" + this.run);
	}

	/** Other test classes count the demo's departments. */
	private void removeDepartment(String code) {
		this.db.sql("DELETE FROM department WHERE code = :code").bind("code", code).then().block();
	}

	@Test
	void badReadingsOfTheLogAreRefusedWithAProblem() {
		List<String> refused = new ArrayList<>();
		for (String query : List.of("limit=0", "limit=1001", "offset=-1", "from=yesterday", "to=2026-13-01",
				"from=2026-05-02&to=2026-05-01", "table=grid;drop", "actor=")) {
			this.http.get()
				.uri("/api/v1/audit?" + query)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
			refused.add(query);
		}
		assertThat(refused).hasSize(8);
		// At least three rows in the log, whatever ran before: a report writes two.
		post("resident-" + this.run, "/api/v1/incidents", reportBody("分页 " + this.run), 201);
		this.http.get()
			.uri("/api/v1/audit?from=2020-01-01&to=2100-01-01T00:00:00Z&limit=2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.entries.length()")
			.isEqualTo(2)
			.jsonPath("$.next")
			.isEqualTo("offset=2&limit=2");
	}

}
