package org.gridmap.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing plans on the demo district: the new boundaries from the effective date on
 * (lookup and /ogc with asOf before and after), addresses and open incidents following at
 * once or when the date arrives, the change event on commit only, the grids' history, and
 * the refusals (validation errors, replaced base, a later plan). Each test puts the
 * district back as it was.
 */
class PlanPublishTest extends PlanTestSupport {

	@Autowired
	ConnectionFactory connections;

	@Autowired
	PlanActivation activation;

	@Test
	void aPlanEffectiveTomorrowChangesLookupFromThatDayOnAndAnnouncesItOnCommit() throws Exception {
		String community = "230304003001";
		String grid = community + "002";
		LocalDate tomorrow = today().plusDays(1);
		long id = createPlan(community, tomorrow).get("id").asLong();
		double[] cut = cutAcross(grid);
		change(id, etag(id), Map.of("kind", "split", "author", "李规划", "grid", grid, "line", Map.of("type", "LineString",
				"coordinates", List.of(List.of(cut[0], cut[1]), List.of(cut[2], cut[3])))));
		JsonNode piece = draftGrid(id, "new:2.1");
		String newCode = piece.get("properties").get("plannedCode").asString();
		JsonNode inside = this.json.readTree(text("SELECT ST_AsGeoJSON(ST_PointOnSurface(ST_GeomFromGeoJSON('"
				+ piece.get("geometry").toString() + "')), 15)"));
		double lon = inside.get("coordinates").get(0).doubleValue();
		double lat = inside.get("coordinates").get(1).doubleValue();
		long addressesBefore = count("SELECT count(*) FROM address WHERE grid_code = '" + grid + "'");

		List<String> events = new CopyOnWriteArrayList<>();
		Connection listener = Mono.from(((ConnectionPool) this.connections).unwrap().create()).block();
		try {
			PostgresqlConnection postgres = (PostgresqlConnection) listener;
			postgres.createStatement("LISTEN gridmap_grids_changed")
				.execute()
				.flatMap(PostgresqlResult::getRowsUpdated)
				.then()
				.block();
			Disposable listening = postgres.getNotifications().subscribe((n) -> events.add(n.getParameter()));

			JsonNode published = publish(id, etag(id), 200);
			JsonNode result = published.get("result");
			// The two pieces, and neighbours that got the vertices where the line crossed
			// their shared edges.
			assertThat(result.get("gridsOpened").asInt()).isGreaterThanOrEqualTo(2);
			assertThat(result.get("gridsClosed").asInt()).isEqualTo(result.get("gridsOpened").asInt() - 1);
			assertThat(result.get("codes").get("new:2.1").asString()).isEqualTo(newCode);
			assertThat(result.get("applied").asBoolean()).isFalse();
			assertThat(published.get("plan").get("status").asString()).isEqualTo("published");
			assertThat(published.get("plan").get("effectiveAt").asString())
				.isEqualTo(tomorrow.atStartOfDay(ZONE).toInstant().toString());

			// The plan's own event; statement triggers on grid (V6) also speak on this
			// channel.
			waitFor(() -> events.stream().anyMatch((e) -> e.contains("\"planId\"")));
			JsonNode event = this.json
				.readTree(events.stream().filter((e) -> e.contains("\"planId\"")).findFirst().orElseThrow());
			assertThat(event.get("planId").asLong()).isEqualTo(id);
			assertThat(event.get("parent").asString()).isEqualTo(community);
			assertThat(event.get("phase").asString()).isEqualTo("published");
			assertThat(Instant.parse(event.get("effective").asString()))
				.isEqualTo(tomorrow.atStartOfDay(ZONE).toInstant());
			assertThat(event.get("grids").toString()).contains(grid, newCode);

			// Before the effective date the old grid answers; from it, the new one (once
			// the
			// in-memory lookup index has rebuilt on the notification, within a second).
			waitFor(() -> newCode.equals(lookup(lon, lat, tomorrow.toString())));
			assertThat(lookup(lon, lat, null)).isEqualTo(grid);
			assertThat(lookup(lon, lat, today().toString())).isEqualTo(grid);
			assertThat(lookup(lon, lat, tomorrow.toString())).isEqualTo(newCode);
			assertThat(lookup(lon, lat, tomorrow.plusDays(30).toString())).isEqualTo(newCode);
			assertThat(ogcGrids(null)).isEqualTo(146);
			assertThat(ogcGrids(tomorrow.plusDays(1).toString())).isEqualTo(147);

			JsonNode history = get("/api/v1/grids/" + grid + "/history");
			assertThat(history.get("versions")).hasSize(2);
			assertThat(history.get("versions").get(0).get("closedBy").get("planId").asLong()).isEqualTo(id);
			assertThat(history.get("versions").get(1).get("openedBy").get("planId").asLong()).isEqualTo(id);
			assertThat(history.get("versions").get(1).get("openedBy").get("authors").toString()).contains("admin");
			assertThat(history.get("versions").get(1).get("validFrom").isNull()).isFalse();
			assertThat(get("/api/v1/grids/" + newCode + "?asOf=" + tomorrow).get("properties")
				.get("openedByPlan")
				.asLong()).isEqualTo(id);

			// Addresses follow only when the date arrives (the activation task).
			assertThat(count("SELECT count(*) FROM address WHERE grid_code = '" + grid + "'"))
				.isEqualTo(addressesBefore);
			assertThat(this.activation.activateDue(Instant.now()).block()).isZero();
			assertThat(this.activation.activateDue(tomorrow.atStartOfDay(ZONE).toInstant().plusSeconds(1)).block())
				.isEqualTo(1);
			long moved = count("SELECT count(*) FROM address WHERE grid_code = '" + newCode + "'");
			assertThat(moved).isPositive();
			assertThat(count("SELECT count(*) FROM address WHERE grid_code = '" + grid + "'"))
				.isEqualTo(addressesBefore - moved);
			assertThat(get("/api/v1/plans/" + id).get("appliedAt").isNull()).isFalse();
			waitFor(() -> events.stream().anyMatch((e) -> e.contains("\"activated\"")));
			listening.dispose();
		}
		finally {
			Mono.from(listener.close()).block();
		}
		// A published plan is final.
		post("/api/v1/plans/" + id + "/changes", etag(id), Map.of("kind", "delete", "author", "李", "grid", grid))
			.expectStatus()
			.isEqualTo(409);
		post("/api/v1/plans/" + id + "/publish", etag(id), Map.of("author", "李")).expectStatus().isEqualTo(409);
	}

	@Test
	void aPlanEffectiveTodayMovesAddressesAndOpenIncidentsAtOnce() throws InterruptedException {
		String community = "230304003002";
		String grid = community + "003";
		long id = createPlan(community, today()).get("id").asLong();
		double[] cut = cutAcross(grid);
		change(id, etag(id), Map.of("kind", "split", "author", "李规划", "grid", grid, "line", Map.of("type", "LineString",
				"coordinates", List.of(List.of(cut[0], cut[1]), List.of(cut[2], cut[3])))));
		JsonNode piece = draftGrid(id, "new:2.1");
		String newCode = piece.get("properties").get("plannedCode").asString();
		JsonNode inside = this.json.readTree(text("SELECT ST_AsGeoJSON(ST_PointOnSurface(ST_GeomFromGeoJSON('"
				+ piece.get("geometry").toString() + "')), 15)"));
		double lon = inside.get("coordinates").get(0).doubleValue();
		double lat = inside.get("coordinates").get(1).doubleValue();
		long incident = report(lon, lat);
		assertThat(text("SELECT grid_code FROM incident WHERE id = " + incident)).isEqualTo(grid);
		JsonNode impact = get("/api/v1/plans/" + id + "/impact");
		assertThat(impact.get("incidents").get("items").toString()).contains("\"id\":" + incident);
		long movingAddresses = impact.get("addresses").get("moved").asLong();
		assertThat(movingAddresses).isPositive();

		JsonNode result = publish(id, etag(id), 200).get("result");
		assertThat(result.get("applied").asBoolean()).isTrue();
		assertThat(result.get("addressesMoved").asLong()).isEqualTo(movingAddresses);
		assertThat(result.get("incidentsMoved").asLong()).isGreaterThanOrEqualTo(1);
		// The in-memory lookup index refreshes on the commit's notification, within a
		// second.
		waitFor(() -> newCode.equals(lookup(lon, lat, null)));
		assertThat(lookup(lon, lat, today().minusDays(1).toString())).isEqualTo(grid);
		assertThat(text("SELECT grid_code FROM incident WHERE id = " + incident)).isEqualTo(newCode);
		assertThat(count("SELECT count(*) FROM incident_event WHERE incident_id = " + incident
				+ " AND action = 'reassign' AND details->>'toGrid' = '" + newCode + "' AND actor = 'admin'"))
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM address WHERE grid_code = '" + newCode + "'"))
			.isEqualTo(movingAddresses);
		JsonNode trail = get("/api/v1/plans/" + id + "/changes");
		JsonNode last = trail.get("changes").get(trail.get("changes").size() - 1);
		assertThat(last.get("kind").asString()).isEqualTo("publish");
		assertThat(last.get("author").asString()).isEqualTo("admin");
	}

	@Test
	void aPlanWithErrorsIsRefusedWithItsProblemsAndNothingChanges() {
		String community = "230304003003";
		long id = createPlan(community, today().plusDays(3)).get("id").asLong();
		change(id, etag(id), Map.of("kind", "delete", "author", "李", "grid", community + "001"));
		String before = etag(id);
		long rows = count("SELECT count(*) FROM grid");
		JsonNode problem = publish(id, before, 422);
		assertThat(problem.get("type").asString()).isEqualTo("urn:gridmap:problem:plan-invalid");
		assertThat(problem.get("problems").toString()).contains("\"code\":\"gap\"");
		assertThat(count("SELECT count(*) FROM grid")).isEqualTo(rows);
		assertThat(count(
				"SELECT count(*) FROM grid WHERE community_code = '" + community + "' AND valid_to <> 'infinity'"))
			.isZero();
		assertThat(etag(id)).isEqualTo(before);
		assertThat(get("/api/v1/plans/" + id).get("status").asString()).isEqualTo("draft");
	}

	@Test
	void aPlanWhoseGridsWereReplacedMeanwhileIsRefused() {
		String community = "230304003004";
		SharedVertex shared = sharedVertex(community, 0);
		long first = createPlan(community, today().plusDays(2)).get("id").asLong();
		long second = createPlan(community, today().plusDays(2)).get("id").asLong();
		change(first, etag(first), moveVertex(first, shared, 0.00004, 0.0));
		change(second, etag(second), moveVertex(second, shared, 0.0, 0.00004));
		publish(first, etag(first), 200);
		JsonNode problem = publish(second, etag(second), 409);
		assertThat(problem.get("type").asString()).isEqualTo("urn:gridmap:problem:stale-base");
		assertThat(problem.get("grids").toString()).contains(shared.a(), shared.b());

		// A plan for an earlier date cannot go under the one already published.
		long earlier = createPlan(community, today().plusDays(1)).get("id").asLong();
		change(earlier, etag(earlier),
				Map.of("kind", "attributes", "author", "李", "grid", community + "001", "set", Map.of("duties", "巡查")));
		JsonNode later = publish(earlier, etag(earlier), 409);
		assertThat(later.get("type").asString()).isEqualTo("urn:gridmap:problem:later-change-scheduled");
	}

	private String lookup(double lon, double lat, String asOf) {
		JsonNode answer = get("/api/v1/lookup?lon=" + lon + "&lat=" + lat + ((asOf != null) ? "&asOf=" + asOf : ""));
		return answer.get("grid").get("code").asString();
	}

	private int ogcGrids(String datetime) {
		return get("/ogc/collections/grids/items?limit=1" + ((datetime != null) ? "&datetime=" + datetime : ""))
			.get("numberMatched")
			.asInt();
	}

	private long report(double lon, double lat) {
		String matter = text("SELECT min(code) FROM matter");
		return read(this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("matter", matter, "description", "方案发布前的未办结事件", "lon", lon, "lat", lat))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody()).get("id").asLong();
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(condition.getAsBoolean()).as("condition met within 10 s").isTrue();
	}

}
