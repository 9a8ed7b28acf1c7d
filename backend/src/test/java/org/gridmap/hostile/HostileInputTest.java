package org.gridmap.hostile;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite ({@link HostileCatalogue}, documented in
 * {@code docs/hostile-input.md}): every case is sent over real HTTP, and each must be
 * refused with a 4xx {@code application/problem+json} that names no internals, or, for
 * text a parameter legitimately accepts, answered exactly as a harmless nonsense value
 * would be. No case may answer 5xx, and none may write: every table of the {@code public}
 * schema is counted, with the newest row version it holds, before and after each case.
 * After each family and at the end the service must still be healthy and answer a lookup.
 */
class HostileInputTest extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * What only the server's internals would write: stack frames, class names, SQL
	 * errors. A marker the request itself carried (an echoed payload) does not count.
	 */
	private static final List<String> LEAKS = List.of("Exception", "\tat ", "at org.", "org.springframework",
			"io.r2dbc", "org.postgresql", "tools.jackson", "java.lang", "SQLSTATE", "ERROR:", "syntax error at",
			"relation \"", "column \"", "pg_catalog", "Caused by");

	@Autowired
	DatabaseClient db;

	private final Map<String, int[]> outcomes = new TreeMap<>();

	private String snapshotSql;

	private HostileCatalogue.Fixtures fixtures;

	@TestFactory
	Stream<DynamicNode> hostileInputIsRefusedOrHarmlessAndWritesNothing() {
		long started = System.nanoTime();
		HostileCatalogue.Fixtures fixtures = fixtures();
		this.fixtures = fixtures;
		this.snapshotSql = snapshotSql();
		installWriteCounter();
		Map<String, List<HostileCase>> byFamily = new LinkedHashMap<>();
		for (HostileCase c : HostileCatalogue.cases(fixtures)) {
			byFamily.computeIfAbsent(c.family(), (f) -> new ArrayList<>()).add(c);
		}
		List<DynamicNode> nodes = new ArrayList<>();
		byFamily.forEach((family, cases) -> {
			List<DynamicNode> tests = new ArrayList<>();
			Map<String, Map<String, String>> start = new TreeMap<>();
			tests.add(DynamicTest.dynamicTest("every table counted before " + family,
					() -> start.put(family, snapshot())));
			for (HostileCase c : cases) {
				tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c)));
			}
			tests.add(DynamicTest.dynamicTest("no table changed and service healthy after " + family, () -> {
				assertThat(changed(start.get(family), snapshot())).as("tables changed by " + family).isEmpty();
				healthy();
			}));
			nodes.add(DynamicContainer.dynamicContainer(family + " (" + cases.size() + ")", tests));
		});
		int total = byFamily.values().stream().mapToInt(List::size).sum();
		nodes.add(
				DynamicTest.dynamicTest("summary: at least 150 cases, 0 answered 5xx, 0 wrote, service healthy", () -> {
					healthy();
					System.out.println(summary(total, Duration.ofNanos(System.nanoTime() - started)));
					int[] sum = sum();
					assertThat(total).isGreaterThanOrEqualTo(150);
					assertThat(sum[0] + sum[1]).as("cases that passed").isEqualTo(total);
					assertThat(sum[2]).as("5xx answers").isZero();
					assertThat(sum[3]).as("cases that wrote").isZero();
				}));
		return nodes.stream();
	}

	private void check(HostileCase c) {
		long before = writes();
		EntityExchangeResult<byte[]> result = send(c.request());
		int status = result.getStatus().value();
		String body = text(result);
		int[] counts = this.outcomes.computeIfAbsent(c.family(), (f) -> new int[4]);
		if (status >= 500) {
			counts[2]++;
		}
		long written = writes() - before;
		if (written != 0) {
			counts[3]++;
		}
		String what = c + " → " + status + " " + abbreviate(body);
		assertThat(status).as(what).isLessThan(500);
		assertThat(written).as("rows written by " + what).isZero();
		if (c.refusedWith() != null) {
			assertThat(status).as(what).isBetween(400, 499);
			if (!c.refusedWith().isEmpty()) {
				assertThat(c.refusedWith()).as(what).contains(status);
			}
			if ((status == 414 || status == 431) && body.isEmpty() && c.name().contains("transport limit")) {
				// Refused by the HTTP layer (Netty) before any application code: an
				// empty answer, documented in docs/hostile-input.md.
				counts[0]++;
				return;
			}
			assertProblem(c.request(), result, body, what);
			counts[0]++;
		}
		else if (c.benign() != null) {
			if (status >= 400) {
				assertProblem(c.request(), result, body, what);
				counts[0]++;
				return;
			}
			EntityExchangeResult<byte[]> twin = send(c.benign());
			assertThat(status).as(what).isEqualTo(twin.getStatus().value());
			assertThat(normalise(body, c.request(), c.benign())).as(what + " answered like " + c.benign())
				.isEqualTo(normalise(text(twin), c.benign(), c.benign()));
			counts[1]++;
		}
		else {
			assertThat(status).as(what).isBetween(200, 299);
			assertThat(c.accepted().test(body)).as(what).isTrue();
			counts[1]++;
		}
	}

	private static void assertProblem(HostileRequest request, EntityExchangeResult<byte[]> result, String body,
			String what) {
		MediaType type = result.getResponseHeaders().getContentType();
		assertThat(type).as(what).isNotNull();
		assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).as(what + " content type " + type)
			.isTrue();
		JsonNode problem = JSON.readTree(body);
		assertThat(problem.path("type").isString()).as(what + " has a type").isTrue();
		assertThat(problem.path("title").isString()).as(what + " has a title").isTrue();
		assertThat(problem.path("status").asInt()).as(what).isEqualTo(result.getStatus().value());
		String sent = request.sentText();
		for (String leak : LEAKS) {
			if (!sent.contains(leak)) {
				assertThat(body).as(what + " leaks internals").doesNotContain(leak);
			}
		}
	}

	/**
	 * The answer to a harmless request with the input's own text (echoed in links or
	 * messages) put back to the benign value, and times removed.
	 */
	private static String normalise(String body, HostileRequest request, HostileRequest benign) {
		String a = request.uri();
		String b = benign.uri();
		int start = 0;
		while (start < a.length() && start < b.length() && a.charAt(start) == b.charAt(start)) {
			start++;
		}
		int end = 0;
		while (end < a.length() - start && end < b.length() - start
				&& a.charAt(a.length() - 1 - end) == b.charAt(b.length() - 1 - end)) {
			end++;
		}
		String given = a.substring(start, a.length() - end);
		String twin = b.substring(start, b.length() - end);
		String decoded = given.isEmpty() ? "" : URLDecoder.decode(given.replace("+", "%2B"), StandardCharsets.UTF_8);
		String out;
		try {
			out = JSON.writeValueAsString(replaced(JSON.readTree(body), decoded, twin));
		}
		catch (RuntimeException ex) {
			out = decoded.isEmpty() ? body : body.replace(decoded, twin);
		}
		if (!given.isEmpty()) {
			out = out.replace(given, twin);
		}
		// Times of the answer itself ("now" as of the request).
		return out.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z", "T");
	}

	private static JsonNode replaced(JsonNode node, String given, String twin) {
		if (node.isString() && !given.isEmpty()) {
			return JSON.getNodeFactory().stringNode(node.asString().replace(given, twin));
		}
		if (node.isObject()) {
			tools.jackson.databind.node.ObjectNode copy = JSON.createObjectNode();
			node.properties().forEach((e) -> copy.set(e.getKey(), replaced(e.getValue(), given, twin)));
			return copy;
		}
		if (node.isArray()) {
			tools.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
			node.forEach((e) -> copy.add(replaced(e, given, twin)));
			return copy;
		}
		return node;
	}

	private EntityExchangeResult<byte[]> send(HostileRequest request) {
		WebTestClient client = this.http.mutate().responseTimeout(Duration.ofSeconds(120)).build();
		WebTestClient.RequestBodySpec spec = client.method(HttpMethod.valueOf(request.method()))
			.uri(URI.create(baseUrl() + request.uri()));
		request.headers().forEach(spec::header);
		WebTestClient.RequestHeadersSpec<?> ready = spec;
		if (request.parts() != null) {
			ready = spec.body(BodyInserters.fromMultipartData(request.parts()));
		}
		else if (request.body() != null) {
			if (request.contentType() != null) {
				spec.header("Content-Type", request.contentType());
			}
			ready = spec.body(BodyInserters
				.fromDataBuffers(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(request.body()))));
		}
		return ready.exchange().expectBody(byte[].class).returnResult();
	}

	private static String text(EntityExchangeResult<byte[]> result) {
		byte[] body = result.getResponseBody();
		return (body == null) ? "" : new String(body, StandardCharsets.UTF_8);
	}

	private void healthy() {
		String health = text(
				this.http.get().uri("/actuator/health").exchange().expectBody(byte[].class).returnResult());
		assertThat(JSON.readTree(health).path("status").asString()).as(health).isEqualTo("UP");
		this.http.get()
			.uri("/api/v1/lookup?lon=130.80&lat=45.35")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.grid.code")
			.exists();
	}

	// ---- the database snapshot ----

	/**
	 * One query over every table of the public schema (each partition of a partitioned
	 * table on its own): its row count, and the newest transaction id among its rows,
	 * which an insert or an update raises and a delete lowers the count of.
	 */
	private String snapshotSql() {
		return this.db
			.sql("""
					SELECT string_agg(format('SELECT %L AS t, count(*)::text || ''/'' || coalesce(max(xmin::text::bigint), 0)
					       AS v FROM %I.%I', c.relname, n.nspname, c.relname), ' UNION ALL ' ORDER BY c.relname)
					FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
					WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'hostile_write_count'""")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
	}

	/**
	 * Counts every row the service inserts, updates or deletes (and every truncate) in
	 * the public schema while the suite runs: a row trigger on each table adds one to a
	 * counter in the same transaction, so a write that is rolled back is not counted and
	 * one that commits is, at once. Installed for this class only and removed after it;
	 * the per-family snapshots above check the same thing independently.
	 */
	private void installWriteCounter() {
		this.db.sql("""
				CREATE TABLE IF NOT EXISTS hostile_write_count (n bigint NOT NULL);
				INSERT INTO hostile_write_count SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM hostile_write_count);
				CREATE OR REPLACE FUNCTION hostile_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    UPDATE hostile_write_count SET n = n + 1;
				    RETURN NULL;
				END $$;
				DO $$
				DECLARE t regclass;
				BEGIN
				    FOR t IN SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
				               AND c.relname NOT IN ('hostile_write_count', 'spatial_ref_sys') LOOP
				        EXECUTE format('CREATE TRIGGER hostile_count_rows AFTER INSERT OR UPDATE OR DELETE ON %s '
				                       || 'FOR EACH ROW EXECUTE FUNCTION hostile_count_write()', t);
				        EXECUTE format('CREATE TRIGGER hostile_count_truncate AFTER TRUNCATE ON %s '
				                       || 'FOR EACH STATEMENT EXECUTE FUNCTION hostile_count_write()', t);
				    END LOOP;
				END $$;
				""").then().block();
	}

	@AfterEach
	void removeWriteCounterAndDiscardThePlan() {
		this.db.sql("""
				DO $$
				DECLARE t regclass;
				BEGIN
				    FOR t IN SELECT DISTINCT tgrelid::regclass FROM pg_trigger
				             WHERE tgname IN ('hostile_count_rows', 'hostile_count_truncate') AND tgparentid = 0 LOOP
				        EXECUTE format('DROP TRIGGER IF EXISTS hostile_count_rows ON %s', t);
				        EXECUTE format('DROP TRIGGER IF EXISTS hostile_count_truncate ON %s', t);
				    END LOOP;
				END $$;
								DROP FUNCTION IF EXISTS hostile_count_write() CASCADE;
				DROP TABLE IF EXISTS hostile_write_count;
				""").then().block();
		if (this.fixtures != null) {
			this.http.post()
				.uri("/api/v1/plans/" + this.fixtures.plan() + "/discard")
				.contentType(MediaType.APPLICATION_JSON)
				.header("If-Match", this.fixtures.planEtag())
				.bodyValue(Map.of("author", "王规划"))
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	private long writes() {
		return this.db.sql("SELECT n FROM hostile_write_count")
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private Map<String, String> snapshot() {
		Map<String, String> tables = new TreeMap<>();
		this.db.sql(this.snapshotSql)
			.map((row, meta) -> Map.entry(row.get("t", String.class), row.get("v", String.class)))
			.all()
			.doOnNext((e) -> tables.put(e.getKey(), e.getValue()))
			.blockLast();
		return tables;
	}

	private static List<String> changed(Map<String, String> before, Map<String, String> after) {
		List<String> changed = new ArrayList<>();
		after.forEach((table, value) -> {
			if (!value.equals(before.get(table))) {
				changed.add(table + " " + before.get(table) + " → " + value);
			}
		});
		before.keySet().stream().filter((t) -> !after.containsKey(t)).forEach((t) -> changed.add(t + " dropped"));
		return changed;
	}

	// ---- fixtures: made before any snapshot ----

	private HostileCatalogue.Fixtures fixtures() {
		String grid = "230304004001001";
		String community = grid.substring(0, 12);
		String street = grid.substring(0, 9);
		String matter = this.db.sql("SELECT code FROM matter ORDER BY code LIMIT 1")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		String station = this.db.sql("SELECT code FROM service_station ORDER BY code LIMIT 1")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		String stationEtag = this.http.get()
			.uri("/api/v1/stations/" + station)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();
		JsonNode plan = JSON.readTree(text(this.http.post()
			.uri("/api/v1/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "敌意输入测试", "parent", community, "effectiveDate",
					LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString(), "author", "王规划"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(byte[].class)
			.returnResult()));
		long planId = plan.get("id").asLong();
		String planEtag = JSON
			.readTree(text(this.http.get()
				.uri("/api/v1/plans/" + planId)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(byte[].class)
				.returnResult()))
			.get("etag")
			.asString();
		JsonNode receipt = JSON.readTree(text(this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("matter", matter, "description", "敌意输入测试的事件", "lon", 130.80, "lat", 45.35))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(byte[].class)
			.returnResult()));
		return new HostileCatalogue.Fixtures(planId, planEtag, receipt.get("id").asLong(),
				receipt.get("trackingCode").asString(), station, stationEtag, grid, street, community, matter);
	}

	// ---- the report ----

	private int[] sum() {
		int[] sum = new int[4];
		this.outcomes.values().forEach((c) -> {
			for (int i = 0; i < 4; i++) {
				sum[i] += c[i];
			}
		});
		return sum;
	}

	private String summary(int total, Duration took) {
		StringBuilder out = new StringBuilder("\nHostile-input suite: " + total + " cases in " + took.toSeconds()
				+ " s\nfamily | refused 4xx | accepted harmlessly | 5xx | wrote\n");
		this.outcomes.forEach((family, c) -> out.append(family)
			.append(" | ")
			.append(c[0])
			.append(" | ")
			.append(c[1])
			.append(" | ")
			.append(c[2])
			.append(" | ")
			.append(c[3])
			.append('\n'));
		int[] s = sum();
		return out.append("total | ")
			.append(s[0])
			.append(" | ")
			.append(s[1])
			.append(" | ")
			.append(s[2])
			.append(" | ")
			.append(s[3])
			.toString();
	}

	private static String abbreviate(String text) {
		return (text.length() > 400) ? text.substring(0, 400) + "…" : text;
	}

}
