package org.gridmap.security;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in, users and the region rules over real HTTP: a dispatcher of street A sees and
 * streams only street A's incidents, a planner of one community cannot touch another's
 * plans, user management is for admins, the first admin exists, disabled users and old
 * passwords are refused.
 */
class SecurityApiTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	private JsonNode read(byte[] body) {
		return this.json.readTree(body);
	}

	private long report(Map<String, Object> point, String text) {
		byte[] body = anonymous().post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(SecurityFixtures.report(SecurityFixtures.matter(this.db), point, text))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return read(body).get("id").asLong();
	}

	@Test
	void aDispatcherOfStreetAListsOnlyStreetAIncidentsAndCannotReachStreetB() {
		String[] streets = SecurityFixtures.twoStreets(this.db);
		long a = report(SecurityFixtures.gridIn(this.db, streets[0]), "区域测试 A");
		long b = report(SecurityFixtures.gridIn(this.db, streets[1]), "区域测试 B");
		WebTestClient dispatcher = client("DISPATCHER", streets[0]);

		JsonNode list = read(dispatcher.get()
			.uri("/api/v1/incidents?limit=10000")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		List<Long> ids = new ArrayList<>();
		list.get("features").forEach((feature) -> {
			ids.add(feature.get("id").asLong());
			assertThat(feature.get("properties").get("gridCode").asString()).startsWith(streets[0]);
		});
		assertThat(ids).contains(a).doesNotContain(b);
		// and the filters cannot widen it
		JsonNode other = read(dispatcher.get()
			.uri("/api/v1/incidents?street=" + streets[1])
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(other.get("numberMatched").asLong()).isZero();

		dispatcher.get().uri("/api/v1/incidents/" + a).exchange().expectStatus().isOk();
		dispatcher.get()
			.uri("/api/v1/incidents/" + b)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		dispatcher.post()
			.uri("/api/v1/incidents/" + b + "/actions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "register"))
			.exchange()
			.expectStatus()
			.isNotFound();
		// in its own street it acts, recorded under its own name
		JsonNode acted = read(dispatcher.post()
			.uri("/api/v1/incidents/" + a + "/actions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "register", "actor", "someone else", "role", "admin"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		JsonNode last = acted.get("timeline").get(acted.get("timeline").size() - 1);
		assertThat(last.get("actor").asString()).startsWith("dispatcher-");
		assertThat(last.get("role").asString()).isEqualTo("dispatcher");
		assertThat(count("SELECT count(*) FROM incident_event WHERE incident_id = " + b)).isEqualTo(1);
	}

	@Test
	void aGridWorkerTakesOnlyTheGridWorkersSteps() {
		String[] streets = SecurityFixtures.twoStreets(this.db);
		long a = report(SecurityFixtures.gridIn(this.db, streets[0]), "网格员测试");
		WebTestClient worker = client("GRID_WORKER", streets[0]);
		worker.get().uri("/api/v1/incidents/" + a).exchange().expectStatus().isOk();
		worker.post()
			.uri("/api/v1/incidents/" + a + "/actions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "register", "role", "dispatcher"))
			.exchange()
			.expectStatus()
			.isForbidden();
		worker.get().uri("/api/v1/incidents/stream").exchange().expectStatus().isForbidden();
	}

	@Test
	void theStreamSendsADispatcherOnlyTheirRegionsReports() {
		String[] streets = SecurityFixtures.twoStreets(this.db);
		Map<String, Object> pointA = SecurityFixtures.gridIn(this.db, streets[0]);
		Map<String, Object> pointB = SecurityFixtures.gridIn(this.db, streets[1]);
		String token = signIn(createUser("DISPATCHER", streets[0]), USER_PASSWORD);
		Flux<ServerSentEvent<String>> events = WebClient.builder()
			.baseUrl(baseUrl())
			.defaultHeader("Authorization", "Bearer " + token)
			.build()
			.get()
			.uri("/api/v1/incidents/stream")
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.filter((event) -> "incident".equals(event.event()));
		List<Long> reported = new ArrayList<>();
		// B first, then A: the first event this dispatcher gets must be A's
		Mono<Void> reports = Mono.delay(Duration.ofMillis(700)).then(Mono.fromRunnable(() -> {
			reported.add(report(pointB, "流 B"));
			reported.add(report(pointA, "流 A"));
		}).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())).then();
		ServerSentEvent<String> first = Flux.merge(events, reports.then(Mono.<ServerSentEvent<String>>never()))
			.next()
			.block(Duration.ofSeconds(30));
		JsonNode data = this.json.readTree(first.data());
		assertThat(data.get("incidentId").asLong()).isEqualTo(reported.get(1));
		assertThat(data.get("feature").get("properties").get("gridCode").asString()).startsWith(streets[0]);
	}

	@Test
	void aPlannerOfOneCommunityCannotTouchAnotherCommunitysPlan() {
		String[] streets = SecurityFixtures.twoStreets(this.db);
		String x = ((String) SecurityFixtures.gridIn(this.db, streets[0]).get("code")).substring(0, 12);
		String y = ((String) SecurityFixtures.gridIn(this.db, streets[1]).get("code")).substring(0, 12);
		String date = LocalDate.now().plusDays(40).toString();
		WebTestClient planner = client("PLANNER", x);
		JsonNode planY = read(this.http.post()
			.uri("/api/v1/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "社区 Y", "parent", y, "effectiveDate", date))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
		long id = planY.get("id").asLong();
		String etag = planY.get("etag").asString();
		planner.post()
			.uri("/api/v1/plans/" + id + "/publish")
			.header("If-Match", etag)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		planner.get().uri("/api/v1/plans/" + id).exchange().expectStatus().isForbidden();
		planner.post()
			.uri("/api/v1/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "越权", "parent", y, "effectiveDate", date))
			.exchange()
			.expectStatus()
			.isForbidden();
		// its own community works, and its list holds only its own plans
		planner.post()
			.uri("/api/v1/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "社区 X", "parent", x, "effectiveDate", date))
			.exchange()
			.expectStatus()
			.isCreated();
		JsonNode list = read(planner.get()
			.uri("/api/v1/plans")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(list.get("plans")).isNotEmpty()
			.allMatch((plan) -> plan.get("parent").get("code").asString().startsWith(x));
		assertThat(count("SELECT count(*) FROM plan WHERE id = " + id + " AND status = 'draft'")).isEqualTo(1);
	}

	@Test
	void userManagementIsForAdminsOnlyAndNeverShowsHashes() {
		anonymous().get()
			.uri("/api/v1/users")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		for (String role : List.of("GRID_WORKER", "DISPATCHER", "PLANNER")) {
			client(role, "230304").get()
				.uri("/api/v1/users")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		String body = new String(this.http.get()
			.uri("/api/v1/users")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(body).contains("\"admin\"").doesNotContain("password").doesNotContain("{bcrypt}");
		this.http.post()
			.uri("/api/v1/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", "bad-region", "password", USER_PASSWORD, "roles", List.of("DISPATCHER"),
					"regions", List.of("12345")))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void theFirstAdminExistsWithTheConfiguredPasswordHashed() {
		assertThat(count("SELECT count(*) FROM users WHERE login = 'admin' AND roles = ARRAY['ADMIN'] "
				+ "AND password_hash LIKE '{bcrypt}%'"))
			.isEqualTo(1);
		assertThat(signIn("admin", ADMIN_PASSWORD)).startsWith("gm_");
	}

	@Test
	void aWrongPasswordIs401WithoutSayingWhichPartWasWrongAndRepeatedFailuresWait() {
		String login = createUser("DISPATCHER", "230304");
		String unknownName = problemOfSignIn("nobody-at-all", "whatever-password", 401);
		String wrongPassword = problemOfSignIn(login, "wrong-password!", 401);
		assertThat(unknownName).isEqualTo(wrongPassword);
		for (int i = 1; i < Users.MAX_FAILURES; i++) {
			problemOfSignIn(login, "wrong-password!", 401);
		}
		// locked for a while, even with the right password
		problemOfSignIn(login, USER_PASSWORD, 429);
	}

	private String problemOfSignIn(String name, String password, int status) {
		JsonNode problem = read(anonymous().post()
			.uri("/api/v1/session")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name, "password", password))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody());
		return problem.get("type").asString() + " " + problem.get("detail").asString();
	}

	@Test
	void aDisabledUserIsRefusedWithTheirOldTokenAndAtSignIn() {
		String login = createUser("DISPATCHER", "230304");
		WebTestClient user = withToken(signIn(login, USER_PASSWORD));
		user.get().uri("/api/v1/session").exchange().expectStatus().isOk();
		this.http.delete().uri("/api/v1/users/" + login).exchange().expectStatus().isOk();
		user.get()
			.uri("/api/v1/incidents")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		problemOfSignIn(login, USER_PASSWORD, 401);
	}

	@Test
	void aChangedPasswordReplacesTheOldOneAndEndsSessions() {
		String login = createUser("PLANNER", "230304");
		WebTestClient before = withToken(signIn(login, USER_PASSWORD));
		this.http.patch()
			.uri("/api/v1/users/" + login)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("password", "a-new-password-1"))
			.exchange()
			.expectStatus()
			.isOk();
		before.get().uri("/api/v1/session").exchange().expectStatus().isUnauthorized();
		problemOfSignIn(login, USER_PASSWORD, 401);
		JsonNode me = read(withToken(signIn(login, "a-new-password-1")).get()
			.uri("/api/v1/session")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(me.get("name").asString()).isEqualTo(login);
		assertThat(me.get("roles").toString()).contains("PLANNER");
	}

	@Test
	void signingOutEndsTheSession() {
		String token = signIn(createUser("DISPATCHER", "230304"), USER_PASSWORD);
		WebTestClient user = withToken(token);
		user.delete().uri("/api/v1/session").exchange().expectStatus().isNoContent();
		user.get().uri("/api/v1/session").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void theSessionCookieWorksOnStaffReadsOnly() {
		String token = signIn(createUser("DISPATCHER", "230304"), USER_PASSWORD);
		WebTestClient cookie = anonymous().mutate().defaultCookie("gridmap_session", token).build();
		cookie.get().uri("/api/v1/incidents?limit=1").exchange().expectStatus().isOk();
		// never for a write
		cookie.post()
			.uri("/api/v1/incidents/1/actions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "register"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private long count(String sql) {
		return this.db.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
	}

}
