package org.gridmap.plan;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Racing publishes on one street, over real HTTP against real PostGIS: plans built on the
 * same grids cannot both win (the loser is refused, nothing lost), plans on different
 * grids all win one after the other (nothing lost either), one plan published many times
 * at once is published once, and afterwards no two live grids overlap.
 */
class PlanConcurrencyTest extends PlanTestSupport {

	static final String STREET = "230304002";

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void racingPublishesOfPlansOnTheSameGridsLetExactlyOneWin() throws Exception {
		String community = STREET + "001";
		LocalDate effective = today().plusDays(1);
		SharedVertex vertex = sharedVertex(community, 0);
		int racers = 8;
		List<Long> plans = new ArrayList<>();
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < racers; i++) {
			long id = createPlan(community, effective).get("id").asLong();
			change(id, etag(id), moveVertex(id, vertex, 0.00001 * (i + 1), 0.0));
			plans.add(id);
			tags.add(etag(id));
		}
		List<HttpResponse<String>> responses = race(plans, tags);
		List<Long> winners = new ArrayList<>();
		for (int i = 0; i < racers; i++) {
			int status = responses.get(i).statusCode();
			assertThat(status).as(responses.get(i).body()).isIn(200, 409);
			if (status == 200) {
				winners.add(plans.get(i));
			}
			else {
				assertThat(responses.get(i).body()).contains("urn:gridmap:problem:stale-base");
			}
		}
		this.published.addAll(winners);
		assertThat(winners).hasSize(1);
		// The winner's vertex is what is live from the effective date: no lost update.
		int winner = plans.indexOf(winners.get(0));
		String at = "'" + effective.plusDays(1) + "T00:00:00+08:00'";
		for (String code : vertex.codes()) {
			assertThat(count("SELECT count(*) FROM grid g, ST_DumpPoints(g.geom) d WHERE g.code = '" + code
					+ "' AND g.valid_from <= " + at + " AND g.valid_to > " + at + " AND ST_X(d.geom) = "
					+ (vertex.lon() + 0.00001 * (winner + 1)) + " AND ST_Y(d.geom) = " + vertex.lat()))
				.isEqualTo(1);
		}
		assertThat(overlappingPairs(at)).isZero();
		for (long loser : plans) {
			if (loser != winners.get(0)) {
				assertThat(get("/api/v1/plans/" + loser).get("status").asString()).isEqualTo("draft");
			}
		}
	}

	@Test
	void racingPublishesOfPlansOnDifferentGridsAllWinAndNothingIsLost() throws Exception {
		LocalDate effective = today().plusDays(2);
		List<Long> plans = new ArrayList<>();
		List<String> tags = new ArrayList<>();
		List<SharedVertex> vertices = new ArrayList<>();
		for (String community : List.of(STREET + "002", STREET + "003", STREET + "004")) {
			for (int skip : new int[] { 0, 4 }) {
				SharedVertex vertex = sharedVertex(community, skip);
				if (vertex == null
						|| vertices.stream().anyMatch((v) -> v.codes().stream().anyMatch(vertex.codes()::contains))) {
					continue;
				}
				long id = createPlan(community, effective).get("id").asLong();
				change(id, etag(id), moveVertex(id, vertex, 0.00002, 0.00001));
				plans.add(id);
				tags.add(etag(id));
				vertices.add(vertex);
			}
		}
		assertThat(plans.size()).isGreaterThanOrEqualTo(3);
		List<HttpResponse<String>> responses = race(plans, tags);
		for (int i = 0; i < plans.size(); i++) {
			if (responses.get(i).statusCode() == 200) {
				this.published.add(plans.get(i));
			}
		}
		for (HttpResponse<String> response : responses) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
		String at = "'" + effective.plusDays(1) + "T00:00:00+08:00'";
		for (SharedVertex vertex : vertices) {
			for (String code : vertex.codes()) {
				assertThat(count("SELECT count(*) FROM grid g, ST_DumpPoints(g.geom) d WHERE g.code = '" + code
						+ "' AND g.valid_from <= " + at + " AND g.valid_to > " + at + " AND ST_X(d.geom) = "
						+ (vertex.lon() + 0.00002) + " AND ST_Y(d.geom) = " + (vertex.lat() + 0.00001)))
					.as("moved vertex of " + code)
					.isEqualTo(1);
			}
		}
		assertThat(overlappingPairs(at)).isZero();
	}

	@Test
	void onePlanPublishedManyTimesAtOnceIsPublishedOnce() throws Exception {
		String community = STREET + "001";
		long id = createPlan(community, today().plusDays(3)).get("id").asLong();
		SharedVertex vertex = sharedVertex(community, 3);
		change(id, etag(id), moveVertex(id, vertex, 0.0, 0.00002));
		String tag = etag(id);
		List<Long> plans = new ArrayList<>();
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			plans.add(id);
			tags.add(tag);
		}
		List<HttpResponse<String>> responses = race(plans, tags);
		long ok = responses.stream().filter((r) -> r.statusCode() == 200).count();
		if (ok > 0) {
			this.published.add(id);
		}
		assertThat(ok).isEqualTo(1);
		assertThat(responses.stream().filter((r) -> r.statusCode() == 412).count()).isEqualTo(5);
		assertThat(count("SELECT count(*) FROM plan_change WHERE plan_id = " + id + " AND kind = 'publish'"))
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM grid WHERE opened_by_plan = " + id)).isEqualTo(vertex.codes().size());
	}

	@Test
	void racingChangesToOneDraftUnderTheSameETagKeepExactlyOneAndRefuseTheRestWith412() throws Exception {
		String community = STREET + "002";
		long id = createPlan(community, today().plusDays(4)).get("id").asLong();
		SharedVertex vertex = sharedVertex(community, 1);
		String tag = etag(id);
		int racers = 6;
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < racers; i++) {
			bodies.add(this.json.writeValueAsString(moveVertex(id, vertex, 0.00001 * (i + 1), 0.0)));
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(racers);
		List<CompletableFuture<Integer>> futures = new ArrayList<>();
		for (String body : bodies) {
			futures.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
				return post("/api/v1/plans/" + id + "/changes", tag, body).returnResult(byte[].class)
					.getStatus()
					.value();
			}, threads));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		try {
			for (CompletableFuture<Integer> future : futures) {
				statuses.add(future.get());
			}
		}
		finally {
			threads.shutdown();
		}
		assertThat(statuses).filteredOn((s) -> s == 201).hasSize(1);
		assertThat(statuses).filteredOn((s) -> s == 412).hasSize(racers - 1);
		// Exactly one reshape in the log, and the draft holds the winner's vertex in
		// every
		// grid that shares it: the other five were refused whole, not half-applied.
		assertThat(count("SELECT count(*) FROM plan_change WHERE plan_id = " + id + " AND kind = 'reshape'"))
			.isEqualTo(1);
		int winner = statuses.indexOf(201);
		double movedLon = vertex.lon() + 0.00001 * (winner + 1);
		for (String code : vertex.codes()) {
			boolean found = false;
			for (JsonNode polygon : draftGrid(id, code).get("geometry").get("coordinates")) {
				for (JsonNode ring : polygon) {
					for (JsonNode position : ring) {
						found |= Math.abs(position.get(0).doubleValue() - movedLon) < 1e-9
								&& Math.abs(position.get(1).doubleValue() - vertex.lat()) < 1e-9;
					}
				}
			}
			assertThat(found).as("winner's vertex in draft grid " + code).isTrue();
		}
		assertThat(
				post("/api/v1/plans/" + id + "/discard", etag(id), Map.of("author", "王规划")).returnResult(byte[].class)
					.getStatus()
					.is2xxSuccessful())
			.isTrue();
	}

	/** Sends the publishes all at once (released together by a latch). */
	private List<HttpResponse<String>> race(List<Long> plans, List<String> tags) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(plans.size());
		List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
		for (int i = 0; i < plans.size(); i++) {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create(baseUrl() + "/api/v1/plans/" + plans.get(i) + "/publish"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + adminToken())
				.header("If-Match", tags.get(i))
				.POST(HttpRequest.BodyPublishers.ofString("{\"author\":\"并发测试\"}"))
				.build();
			futures.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
					return this.client.send(request, HttpResponse.BodyHandlers.ofString());
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, threads));
		}
		start.countDown();
		List<HttpResponse<String>> responses = new ArrayList<>();
		try {
			for (CompletableFuture<HttpResponse<String>> future : futures) {
				responses.add(future.get());
			}
		}
		finally {
			threads.shutdown();
		}
		return responses;
	}

	/** Pairs of grids valid at the instant that overlap by more than 1 m² anywhere. */
	private long overlappingPairs(String at) {
		return count(
				"""
						SELECT count(*)
						FROM grid a JOIN grid b ON a.code < b.code AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********')
						WHERE a.valid_from <= %1$s AND a.valid_to > %1$s AND b.valid_from <= %1$s AND b.valid_to > %1$s
						  AND ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1"""
					.formatted(at));
	}

}
