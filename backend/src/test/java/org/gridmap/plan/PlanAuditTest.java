package org.gridmap.plan;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan's changes and its publish leave audit rows named after the principal of each
 * request (plan, plan_change, the grid and staff versions closed and opened), while the
 * addresses and open incidents that follow the new grids leave one summary row, not one
 * per row moved.
 */
class PlanAuditTest extends PlanTestSupport {

	private static final String PRINCIPAL = "X-Test-Principal";

	private long lastAuditId() {
		return count("SELECT coalesce(max(id), 0) FROM audit_log");
	}

	private long audited(long since, String where) {
		return count("SELECT count(*) FROM audit_log WHERE id > " + since + " AND " + where);
	}

	private JsonNode as(String principal, String path, String etag, Object body, int status) {
		return read(this.http.post()
			.uri(path)
			.header(PRINCIPAL, principal)
			.header("If-Match", etag)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.json.writeValueAsString(body))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	@Test
	void aPlanChangeAndItsPublishAreAuditedAndTheMovesThatFollowAreOneSummaryRow() {
		String community = "230304003002";
		String grid = community + "002";
		long start = lastAuditId();
		long id = createPlan(community, today()).get("id").asLong();
		double[] cut = cutAcross(grid);
		as("planner-li", "/api/v1/plans/" + id + "/changes", etag(id), Map.of("kind", "split", "author", "李规划", "grid",
				grid, "line",
				Map.of("type", "LineString", "coordinates", List.of(List.of(cut[0], cut[1]), List.of(cut[2], cut[3])))),
				201);
		assertThat(audited(start, "table_name = 'plan' AND action = 'insert' AND row_key = '" + id + "'")).isOne();
		assertThat(audited(start, "table_name = 'plan_change' AND actor = 'planner-li' AND action = 'insert'"
				+ " AND after->>'kind' = 'split'"))
			.isOne();
		long moving = get("/api/v1/plans/" + id + "/impact").get("addresses").get("moved").asLong();
		assertThat(moving).isPositive();

		long beforePublish = lastAuditId();
		JsonNode result = as("head-wang", "/api/v1/plans/" + id + "/publish", etag(id), Map.of("author", "王规划"), 200)
			.get("result");
		this.published.add(id);
		assertThat(result.get("addressesMoved").asLong()).isEqualTo(moving);
		// The grid versions closed (valid_to before and after) and opened, by the
		// publisher: a split adds one grid (the community's codes may be renumbered, so
		// more are closed and opened than the one split).
		long closed = audited(beforePublish, "table_name = 'grid' AND action = 'update' AND row_key IS NOT NULL"
				+ " AND before->>'valid_to' = 'infinity' AND after ? 'valid_to' AND actor = 'head-wang'");
		assertThat(closed).isPositive();
		assertThat(audited(beforePublish, "table_name = 'grid' AND action = 'insert' AND actor = 'head-wang'"
				+ " AND after->>'opened_by_plan' = '" + id + "'"))
			.isEqualTo(closed + 1);
		assertThat(audited(beforePublish, "table_name = 'plan' AND action = 'update' AND actor = 'head-wang'"
				+ " AND after->>'status' = 'published'"))
			.isPositive();
		// The moves: no row per address or incident, one summary with the counts.
		assertThat(audited(beforePublish, "table_name = 'address'")).isZero();
		assertThat(audited(beforePublish, "table_name = 'incident' AND action = 'update'")).isZero();
		assertThat(
				audited(beforePublish,
						"action = 'summary' AND table_name = 'plan' AND row_key = '" + id + "'"
								+ " AND (after->>'addressesMoved')::bigint = " + moving + " AND actor = 'head-wang'"))
			.isOne();
	}

}
