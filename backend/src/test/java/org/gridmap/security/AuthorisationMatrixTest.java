package org.gridmap.security;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the running application, called as the public, a grid worker, a
 * dispatcher, a planner (each granted street A) and an admin, against the expected table
 * below. The endpoints come from the handler mappings and the page routes, so a new
 * endpoint without a row fails {@link #everyEndpointHasARow}. Answers are judged by
 * class: allowed (anything but 401 and 403: 2xx, or a 4xx for the deliberately incomplete
 * bodies, which therefore write nothing), 401, or 403; resources outside the caller's
 * regions by {@link #outOfRegionResourcesAreHidden}.
 */
class AuthorisationMatrixTest extends IntegrationTest {

	/** Who may call an endpoint (admins always may). */
	enum Access {

		/** Anyone, signed in or not. */
		PUBLIC,
		/** Any signed-in staff. */
		STAFF,
		/** Grid workers and dispatchers (in their regions). */
		INCIDENTS,
		/** Dispatchers. */
		DISPATCH,
		/** Planners (in their regions). */
		PLANNING,
		/** Admins only. */
		ADMIN,
		/** The sign-in itself: public, and 401 for the wrong credentials sent here. */
		SIGN_IN

	}

	enum Who {

		ANONYMOUS, GRID_WORKER, DISPATCHER, PLANNER, ADMIN

	}

	/** One endpoint: its access and a request to make (placeholders in braces). */
	record Row(Access access, String path, String contentType, String body) {
	}

	private static final Map<String, Row> ROWS = new LinkedHashMap<>();

	private static void row(String endpoint, Access access, String path) {
		ROWS.put(endpoint, new Row(access, path, null, null));
	}

	private static void row(String endpoint, Access access, String path, String body) {
		ROWS.put(endpoint, new Row(access, path, MediaType.APPLICATION_JSON_VALUE, body));
	}

	private static void row(String endpoint, Access access, String path, String contentType, String body) {
		ROWS.put(endpoint, new Row(access, path, contentType, body));
	}

	static {
		// pages (functional routes): shells are public, staff pages sign in in the page
		for (String page : List.of("/", "/map", "/board", "/lookup", "/assessment", "/stations", "/plan")) {
			row("GET " + page, Access.PUBLIC, page);
		}
		row("GET /board/{gridCode}", Access.PUBLIC, "/board/{grid}");
		// public reads and reports
		row("GET /api/v1/lookup", Access.PUBLIC, "/api/v1/lookup?lon={lon}&lat={lat}");
		row("POST /api/v1/lookup", Access.PUBLIC, "/api/v1/lookup", "{\"points\":[]}");
		row("GET /api/v1/addresses", Access.PUBLIC, "/api/v1/addresses?q=%E5%B0%8F%E5%8C%BA");
		row("GET /api/v1/boards", Access.PUBLIC, "/api/v1/boards?street={street}");
		row("GET /api/v1/boards/{gridCode}", Access.PUBLIC, "/api/v1/boards/{grid}");
		row("GET /board/{gridCode}/qr.svg", Access.PUBLIC, "/board/{grid}/qr.svg");
		row("GET /board/{gridCode}/qr.png", Access.PUBLIC, "/board/{grid}/qr.png");
		row("GET /ogc", Access.PUBLIC, "/ogc");
		row("GET /ogc/", Access.PUBLIC, "/ogc/");
		row("GET /ogc/conformance", Access.PUBLIC, "/ogc/conformance");
		row("GET /ogc/api", Access.PUBLIC, "/ogc/api");
		row("GET /ogc/collections", Access.PUBLIC, "/ogc/collections");
		row("GET /ogc/collections/{collectionId}", Access.PUBLIC, "/ogc/collections/grids");
		row("GET /ogc/collections/{collectionId}/items", Access.PUBLIC, "/ogc/collections/incidents/items?limit=1");
		row("GET /ogc/collections/{collectionId}/items/{featureId}", Access.PUBLIC,
				"/ogc/collections/grids/items/{grid}");
		row("GET /open311/v2/discovery.{format}", Access.PUBLIC, "/open311/v2/discovery.json");
		row("GET /open311/v2/services.{format}", Access.PUBLIC, "/open311/v2/services.json");
		row("GET /open311/v2/services/{code}.{format}", Access.PUBLIC, "/open311/v2/services/{matter}.json");
		row("GET /open311/v2/requests.{format}", Access.PUBLIC, "/open311/v2/requests.json");
		row("GET /open311/v2/requests/{id}.{format}", Access.PUBLIC, "/open311/v2/requests/{incident}.json");
		row("POST /open311/v2/requests.{format}", Access.PUBLIC, "/open311/v2/requests.json",
				"{\"api_key\":\"demo-open311-key\"}");
		row("GET /tiles/{layer}/{z}/{x}/{y}.mvt", Access.PUBLIC, "/tiles/grids/12/3535/1450.mvt");
		row("GET /api/v1/stations", Access.PUBLIC, "/api/v1/stations");
		row("GET /api/v1/stations/{code}", Access.PUBLIC, "/api/v1/stations/{station}");
		row("GET /api/v1/stations/{code}/circle", Access.PUBLIC, "/api/v1/stations/{station}/circle");
		row("GET /api/v1/coverage", Access.PUBLIC, "/api/v1/coverage");
		row("GET /api/v1/coverage/uncovered", Access.PUBLIC, "/api/v1/coverage/uncovered?limit=1");
		row("GET /api/v1/matters", Access.PUBLIC, "/api/v1/matters");
		row("GET /api/v1/departments", Access.PUBLIC, "/api/v1/departments");
		row("POST /api/v1/incidents", Access.PUBLIC, "/api/v1/incidents", "{}");
		row("GET /api/v1/incidents/track/{trackingCode}", Access.PUBLIC, "/api/v1/incidents/track/GM20000101-XXXXXX");
		row("GET /api/v1/bench/constant", Access.PUBLIC, "/api/v1/bench/constant");
		// sign-in
		row("POST /api/v1/session", Access.SIGN_IN, "/api/v1/session", "{\"name\":\"nobody\",\"password\":\"x\"}");
		row("GET /api/v1/session", Access.STAFF, "/api/v1/session");
		row("DELETE /api/v1/session", Access.PUBLIC, "/api/v1/session");
		// incidents, in the caller's regions
		row("GET /api/v1/incidents", Access.INCIDENTS, "/api/v1/incidents?limit=5");
		row("GET /api/v1/incidents/{id}", Access.INCIDENTS, "/api/v1/incidents/{incident}");
		row("POST /api/v1/incidents/{id}/actions", Access.INCIDENTS, "/api/v1/incidents/{incident}/actions",
				"{\"action\":\"no-such-step\"}");
		row("GET /api/v1/incidents/{id}/photos/{photoId}", Access.INCIDENTS,
				"/api/v1/incidents/{incident}/photos/999999999");
		row("GET /api/v1/incidents/stream", Access.DISPATCH, "/api/v1/incidents/stream");
		row("POST /api/v1/incidents/imports", Access.DISPATCH, "/api/v1/incidents/imports", "text/csv",
				"not,a,header\n");
		// analytics
		row("GET /api/v1/hotspots", Access.DISPATCH, "/api/v1/hotspots?bbox={bbox}");
		row("GET /api/v1/hotspots/grids", Access.DISPATCH, "/api/v1/hotspots/grids");
		row("GET /tiles/hotspots/{z}/{x}/{y}.mvt", Access.DISPATCH, "/tiles/hotspots/12/3535/1450.mvt");
		row("GET /api/v1/stats/{grouping}", Access.DISPATCH, "/api/v1/stats/grids");
		row("GET /api/v1/stats/series", Access.DISPATCH, "/api/v1/stats/series");
		// planning, in the caller's regions; writes without If-Match or with bad
		// bodies
		row("POST /api/v1/plans", Access.PLANNING, "/api/v1/plans", "{}");
		row("GET /api/v1/plans", Access.PLANNING, "/api/v1/plans");
		row("GET /api/v1/plans/{id}", Access.PLANNING, "/api/v1/plans/{plan}");
		row("PATCH /api/v1/plans/{id}", Access.PLANNING, "/api/v1/plans/{plan}", "{}");
		row("DELETE /api/v1/plans/{id}", Access.PLANNING, "/api/v1/plans/{plan}");
		row("POST /api/v1/plans/{id}/discard", Access.PLANNING, "/api/v1/plans/{plan}/discard", "{}");
		row("POST /api/v1/plans/{id}/changes", Access.PLANNING, "/api/v1/plans/{plan}/changes", "{}");
		row("POST /api/v1/plans/{id}/changes/{seq}/undo", Access.PLANNING, "/api/v1/plans/{plan}/changes/1/undo", "{}");
		row("GET /api/v1/plans/{id}/changes", Access.PLANNING, "/api/v1/plans/{plan}/changes");
		row("GET /api/v1/plans/{id}/grids", Access.PLANNING, "/api/v1/plans/{plan}/grids");
		row("GET /api/v1/plans/{id}/validation", Access.PLANNING, "/api/v1/plans/{plan}/validation");
		row("GET /api/v1/plans/{id}/impact", Access.PLANNING, "/api/v1/plans/{plan}/impact?addressLimit=1");
		row("POST /api/v1/plans/{id}/publish", Access.PLANNING, "/api/v1/plans/{plan}/publish", "{}");
		row("POST /api/v1/plans/{id}/proposal", Access.PLANNING, "/api/v1/plans/{plan}/proposal", "{}");
		row("POST /api/v1/plans/{id}/imports", Access.PLANNING, "/api/v1/plans/{plan}/imports",
				MediaType.TEXT_PLAIN_VALUE, "x");
		row("GET /api/v1/plans/{id}/export", Access.PLANNING, "/api/v1/plans/{plan}/export?format=csv");
		row("POST /api/v1/proposals", Access.PLANNING, "/api/v1/proposals", "{}");
		row("GET /api/v1/grids/export", Access.PLANNING, "/api/v1/grids/export?format=csv&street={street}");
		row("POST /api/v1/grids/imports/preview", Access.PLANNING, "/api/v1/grids/imports/preview",
				MediaType.TEXT_PLAIN_VALUE, "x");
		row("POST /api/v1/network/import", Access.PLANNING, "/api/v1/network/import", "{\"type\":\"bogus\"}");
		row("POST /api/v1/coverage/siting", Access.PLANNING, "/api/v1/coverage/siting", "{\"k\":0}");
		row("POST /api/v1/stations", Access.PLANNING, "/api/v1/stations", "{}");
		row("PUT /api/v1/stations/{code}", Access.PLANNING, "/api/v1/stations/{station}", "{}");
		row("PATCH /api/v1/stations/{code}", Access.PLANNING, "/api/v1/stations/{station}", "{}");
		row("DELETE /api/v1/stations/{code}", Access.PLANNING, "/api/v1/stations/{station}");
		// any staff
		row("GET /api/v1/grids/{code}", Access.STAFF, "/api/v1/grids/{grid}");
		row("GET /api/v1/grids/{code}/history", Access.STAFF, "/api/v1/grids/{grid}/history");
		row("GET /api/v1/network", Access.STAFF, "/api/v1/network");
		// admins
		row("GET /api/v1/users", Access.ADMIN, "/api/v1/users");
		row("POST /api/v1/users", Access.ADMIN, "/api/v1/users", "{}");
		row("GET /api/v1/users/{login}", Access.ADMIN, "/api/v1/users/nobody-here");
		row("PATCH /api/v1/users/{login}", Access.ADMIN, "/api/v1/users/nobody-here", "{}");
		row("DELETE /api/v1/users/{login}", Access.ADMIN, "/api/v1/users/nobody-here");
		row("GET /api/v1/audit", Access.ADMIN, "/api/v1/audit");
		// outside the handler mappings: actuator, and a path no rule names
		row("GET /actuator/health", Access.PUBLIC, "/actuator/health");
		row("GET /actuator/info", Access.PUBLIC, "/actuator/info");
		row("GET /no/such/path", Access.ADMIN, "/no/such/path");
	}

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient db;

	@Test
	void everyEndpointHasARow() {
		Set<String> missing = new TreeSet<>(endpoints());
		missing.removeAll(ROWS.keySet());
		assertThat(missing)
			.as("endpoints without a row in AuthorisationMatrixTest (and a rule in "
					+ "SecurityConfiguration and docs/security.md)")
			.isEmpty();
	}

	@Test
	void everyRoleGetsTheExpectedAnswerFromEveryEndpoint() {
		Fixture fixture = fixture();
		Map<Who, WebTestClient> clients = clients(fixture.streetA());
		List<String> wrong = new ArrayList<>();
		List<String> endpoints = new ArrayList<>(ROWS.keySet());
		// signing out last: it ends the session of each client
		endpoints.remove("DELETE /api/v1/session");
		endpoints.add("DELETE /api/v1/session");
		for (String endpoint : endpoints) {
			Row row = ROWS.get(endpoint);
			String method = endpoint.substring(0, endpoint.indexOf(' '));
			String path = fixture.fill(row.path());
			for (Who who : Who.values()) {
				int status = call(clients.get(who), method, path, row);
				String expected = expected(row.access(), who);
				String actual = (status == 401) ? "401" : (status == 403) ? "403" : "allowed";
				if (!expected.equals(actual)) {
					wrong.add(endpoint + " as " + who + ": expected " + expected + ", got " + status);
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void outOfRegionResourcesAreHidden() {
		Fixture fixture = fixture();
		Map<Who, WebTestClient> clients = clients(fixture.streetA());
		for (Who who : List.of(Who.GRID_WORKER, Who.DISPATCHER)) {
			WebTestClient client = clients.get(who);
			// an incident of street B does not exist for staff of street A
			assertThat(call(client, "GET", "/api/v1/incidents/" + fixture.incidentB(), null)).isEqualTo(404);
			assertThat(call(client, "GET", "/api/v1/incidents/" + fixture.incidentB() + "/photos/1", null))
				.isEqualTo(404);
			assertThat(call(client, "POST", "/api/v1/incidents/" + fixture.incidentB() + "/actions",
					new Row(Access.INCIDENTS, null, MediaType.APPLICATION_JSON_VALUE, "{\"action\":\"verify\"}")))
				.isEqualTo(404);
			assertThat(call(client, "GET", "/api/v1/incidents/" + fixture.incidentA(), null)).isEqualTo(200);
		}
		WebTestClient planner = clients.get(Who.PLANNER);
		for (String path : List.of("", "/grids", "/validation", "/changes", "/export?format=csv")) {
			assertThat(call(planner, "GET", "/api/v1/plans/" + fixture.planB() + path, null)).as(path).isEqualTo(403);
			assertThat(call(planner, "GET", "/api/v1/plans/" + fixture.planA() + path, null)).as(path).isEqualTo(200);
		}
		assertThat(call(planner, "POST", "/api/v1/plans",
				new Row(Access.PLANNING, null, MediaType.APPLICATION_JSON_VALUE, "{\"name\":\"x\",\"parent\":\""
						+ fixture.streetB() + "\",\"effectiveDate\":\"" + LocalDate.now().plusDays(30) + "\"}")))
			.isEqualTo(403);
	}

	private static String expected(Access access, Who who) {
		if (access == Access.PUBLIC) {
			return "allowed";
		}
		if (access == Access.SIGN_IN) {
			return "401";
		}
		if (who == Who.ANONYMOUS) {
			return "401";
		}
		if (who == Who.ADMIN) {
			return "allowed";
		}
		Set<Who> allowed = switch (access) {
			case STAFF -> EnumSet.of(Who.GRID_WORKER, Who.DISPATCHER, Who.PLANNER);
			case INCIDENTS -> EnumSet.of(Who.GRID_WORKER, Who.DISPATCHER);
			case DISPATCH -> EnumSet.of(Who.DISPATCHER);
			case PLANNING -> EnumSet.of(Who.PLANNER);
			default -> EnumSet.noneOf(Who.class);
		};
		return allowed.contains(who) ? "allowed" : "403";
	}

	private int call(WebTestClient client, String method, String path, Row row) {
		WebTestClient.RequestBodySpec spec = client.method(HttpMethod.valueOf(method)).uri(path);
		if (path.endsWith("/stream")) {
			// an endless event stream: only its status is read, then the connection
			// closed
			String token = this.tokens.get(client);
			java.net.http.HttpRequest.Builder stream = java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(baseUrl() + path))
				.timeout(java.time.Duration.ofSeconds(30));
			if (token != null) {
				stream.header("Authorization", "Bearer " + token);
			}
			try {
				java.net.http.HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
					.send(stream.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
				response.body().close();
				return response.statusCode();
			}
			catch (java.io.IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}
		WebTestClient.RequestHeadersSpec<?> request = spec;
		if (row != null && row.body() != null) {
			request = spec.contentType(MediaType.parseMediaType(row.contentType())).bodyValue(row.body());
		}
		EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
		int status = result.getStatus().value();
		if (status == 401 || status == 403) {
			assertThat(result.getResponseHeaders().getContentType()).as(method + " " + path)
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(status).as(method + " " + path + " answers no 5xx").isLessThan(500);
		return status;
	}

	/** The token each client sends (none for the public). */
	private final Map<WebTestClient, String> tokens = new java.util.IdentityHashMap<>();

	private Map<Who, WebTestClient> clients(String street) {
		Map<Who, WebTestClient> clients = new LinkedHashMap<>();
		clients.put(Who.ANONYMOUS, anonymous());
		for (Who who : List.of(Who.GRID_WORKER, Who.DISPATCHER, Who.PLANNER, Who.ADMIN)) {
			String token = (who == Who.ADMIN) ? signIn("admin", ADMIN_PASSWORD)
					: signIn(createUser(who.name(), street), USER_PASSWORD);
			WebTestClient client = withToken(token);
			this.tokens.put(client, token);
			clients.put(who, client);
		}
		return clients;
	}

	/** The resources the requests name: street A's and street B's. */
	record Fixture(String streetA, String streetB, Map<String, Object> gridA, long incidentA, long incidentB,
			long planA, long planB, String station, String matter) {

		String fill(String path) {
			double lon = ((Number) this.gridA.get("lon")).doubleValue();
			double lat = ((Number) this.gridA.get("lat")).doubleValue();
			return path.replace("{grid}", (String) this.gridA.get("code"))
				.replace("{street}", this.streetA)
				.replace("{lon}", String.valueOf(lon))
				.replace("{lat}", String.valueOf(lat))
				.replace("{bbox}", (lon - 0.01) + "," + (lat - 0.01) + "," + (lon + 0.01) + "," + (lat + 0.01))
				.replace("{incident}", String.valueOf(this.incidentA))
				.replace("{plan}", String.valueOf(this.planA))
				.replace("{station}", this.station)
				.replace("{matter}", this.matter);
		}

	}

	private Fixture fixture() {
		String[] streets = SecurityFixtures.twoStreets(this.db);
		String matter = SecurityFixtures.matter(this.db);
		Map<String, Object> gridA = SecurityFixtures.gridIn(this.db, streets[0]);
		Map<String, Object> gridB = SecurityFixtures.gridIn(this.db, streets[1]);
		long incidentA = report(SecurityFixtures.report(matter, gridA, "矩阵测试 A"));
		long incidentB = report(SecurityFixtures.report(matter, gridB, "矩阵测试 B"));
		String station = this.db.sql("SELECT code FROM service_station ORDER BY code LIMIT 1")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		return new Fixture(streets[0], streets[1], gridA, incidentA, incidentB, plan(streets[0]), plan(streets[1]),
				station, matter);
	}

	private long report(Map<String, Object> body) {
		Map<?, ?> receipt = this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((Number) receipt.get("id")).longValue();
	}

	private long plan(String street) {
		Map<?, ?> plan = this.http.post()
			.uri("/api/v1/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "矩阵测试 " + street, "parent", street, "effectiveDate",
					LocalDate.now().plusDays(30).toString()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((Number) plan.get("id")).longValue();
	}

	/**
	 * "METHOD /pattern" of every controller method and page route, path variables without
	 * their regular expressions.
	 */
	private Set<String> endpoints() {
		Set<String> out = new TreeSet<>();
		this.context.getBeansOfType(RequestMappingHandlerMapping.class)
			.values()
			.forEach((mapping) -> mapping.getHandlerMethods().keySet().forEach((info) -> {
				Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition()
					.getMethods();
				info.getPatternsCondition().getPatterns().forEach((pattern) -> {
					if (methods.isEmpty()) {
						out.add("GET " + withoutRegex(pattern.getPatternString()));
					}
					methods
						.forEach((method) -> out.add(method.name() + " " + withoutRegex(pattern.getPatternString())));
				});
			}));
		this.context.getBeansOfType(RouterFunction.class).values().forEach((router) -> router.accept(new Routes(out)));
		return out;
	}

	/** {@code {id:\d{1,18}}} → {@code {id}}. */
	static String withoutRegex(String pattern) {
		StringBuilder out = new StringBuilder();
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '{') {
				int depth = 1;
				int j = i + 1;
				StringBuilder name = new StringBuilder();
				boolean inRegex = false;
				while (j < pattern.length() && depth > 0) {
					char d = pattern.charAt(j);
					if (d == '{') {
						depth++;
					}
					else if (d == '}') {
						depth--;
					}
					else if (d == ':' && depth == 1) {
						inRegex = true;
					}
					if (depth > 0 && !inRegex) {
						name.append(d);
					}
					j++;
				}
				out.append('{').append(name).append('}');
				i = j;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	/** Collects "GET /path" of the functional routes. */
	private static final class Routes implements RouterFunctions.Visitor {

		private final Set<String> out;

		Routes(Set<String> out) {
			this.out = out;
		}

		@Override
		public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
			List<String> methods = new ArrayList<>();
			List<String> paths = new ArrayList<>();
			predicate.accept(new RequestPredicates.Visitor() {
				@Override
				public void method(Set<HttpMethod> set) {
					set.forEach((m) -> methods.add(m.name()));
				}

				@Override
				public void path(String pattern) {
					paths.add(pattern);
				}

				@Override
				public void pathExtension(String extension) {
				}

				@Override
				public void header(String name, String value) {
				}

				@Override
				public void queryParam(String name, String value) {
				}

				@Override
				public void version(String version) {
				}

				@Override
				public void startAnd() {
				}

				@Override
				public void and() {
				}

				@Override
				public void endAnd() {
				}

				@Override
				public void startOr() {
				}

				@Override
				public void or() {
				}

				@Override
				public void endOr() {
				}

				@Override
				public void startNegate() {
				}

				@Override
				public void endNegate() {
				}

				@Override
				public void unknown(RequestPredicate unknown) {
				}
			});
			for (String method : methods.isEmpty() ? List.of("GET") : methods) {
				paths.forEach((path) -> this.out.add(method + " " + path));
			}
		}

		@Override
		public void startNested(RequestPredicate predicate) {
		}

		@Override
		public void endNested(RequestPredicate predicate) {
		}

		@Override
		public void resources(
				java.util.function.Function<ServerRequest, reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookup) {
		}

		@Override
		public void attributes(Map<String, Object> attributes) {
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
		}

	}

}
