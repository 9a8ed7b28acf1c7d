package org.gridmap.incident;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.gridmap.IntegrationTest;
import org.gridmap.database.SqlScript;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The month-partitioned incident table (V10): reports of a month without a partition are
 * kept in the default partition and moved when their month is made, ids and tracking
 * codes stay unique and referenced across months, a lookup by id reads one month, and an
 * archived month is still tracked by its codes. Each test uses a month of its own, long
 * before the demo year, picked at random so that reruns against one database do not meet
 * their own partitions.
 */
class IncidentPartitionTest extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	/** The first day of a random month of 1901–1990, as an ISO date. */
	private static String someOldMonth() {
		int month = ThreadLocalRandom.current().nextInt(90 * 12);
		return String.format("%04d-%02d-01", 1901 + month / 12, 1 + month % 12);
	}

	/** Stores one report at an instant of that month (China Standard Time); its id. */
	private long report(String month, String code) {
		return this.db
			.sql("""
					INSERT INTO incident (tracking_code, matter_code, department_code, description, channel, reported_at,
					                      deadline, geom, public_geom)
					SELECT :code, m.code, m.department_code, 'partition test', 'other', r.at, r.at + interval '2 days',
					       ST_SetSRID(ST_MakePoint(130.8, 45.35), 4326), gridmap_public_point(ST_SetSRID(ST_MakePoint(130.8, 45.35), 4326))
					FROM (SELECT code, department_code FROM matter ORDER BY code LIMIT 1) m,
					     (SELECT (:month::date + interval '14 days 10 hours') AT TIME ZONE 'Asia/Shanghai' AS at) r
					RETURNING id""")
			.bind("code", code)
			.bind("month", month)
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.block();
	}

	private String partitionOf(long id) {
		return this.db.sql("SELECT tableoid::regclass::text FROM incident WHERE id = :id")
			.bind("id", id)
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
	}

	private int ensure(String month) {
		return this.db.sql("SELECT gridmap_ensure_incident_partitions(:month::date, :month::date)")
			.bind("month", month)
			.map((row, meta) -> row.get(0, Integer.class))
			.one()
			.block();
	}

	private static String code(String tag) {
		return "PTFIX-" + tag + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();
	}

	@Test
	void aReportOfAMonthWithoutPartitionIsKeptInTheDefaultAndMovedWhenItsMonthIsMade() {
		String month = someOldMonth();
		long id = report(month, code("D"));
		this.db
			.sql("INSERT INTO incident_event (incident_id, action, to_status, actor, actor_role) "
					+ "VALUES (:id, 'report', 'reported', 'test', 'public')")
			.bind("id", id)
			.then()
			.block();
		assertThat(partitionOf(id)).isEqualTo("incident_default");
		this.http.get().uri("/api/v1/incidents/" + id).exchange().expectStatus().isOk();

		assertThat(ensure(month)).isEqualTo(1);
		assertThat(partitionOf(id)).isEqualTo("incident_y" + month.substring(0, 4) + "m" + month.substring(5, 7));
		assertThat(ensure(month)).isZero();
		String detail = new String(this.http.get()
			.uri("/api/v1/incidents/" + id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(JsonMapper.builder().build().readTree(detail).get("timeline").get(0).get("action").asString())
			.isEqualTo("report");
	}

	@Test
	void trackingCodesStayUniqueAcrossMonthsAndReferencesMustNameAnIncident() {
		String code = code("U");
		report(someOldMonth(), code);
		assertThatThrownBy(() -> report(someOldMonth(), code)).isInstanceOf(DataAccessException.class)
			.hasMessageContaining("incident_key_tracking_code_key");
		assertThatThrownBy(() -> this.db
			.sql("INSERT INTO incident_event (incident_id, action, to_status, actor, actor_role) "
					+ "VALUES (-1, 'report', 'reported', 'test', 'public')")
			.then()
			.block()).isInstanceOf(DataAccessException.class).hasMessageContaining("incident_event_incident_id_fkey");
	}

	@Test
	void theReportTimeAndTrackingCodeNeverChange() {
		long id = report(someOldMonth(), code("F"));
		assertThatThrownBy(() -> this.db
			.sql("UPDATE incident SET reported_at = reported_at + interval '40 days' " + "WHERE id = :id")
			.bind("id", id)
			.then()
			.block()).isInstanceOf(DataAccessException.class).hasMessageContaining("do not change");
	}

	@Test
	void aLookupByIdPlansAndReadsOneMonth() {
		IncidentQueries.Key key = this.db.sql("SELECT max(id) FROM incident")
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.flatMap((id) -> IncidentQueries.key(this.db, id, null))
			.block();
		String plan = String.join("\n",
				this.db
					.sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
							+ SqlScript.load(IncidentQueries.class, "detail.sql"))
					.bind("id", key.id())
					.bind("reportedAt", key.reportedAt())
					.map((row, meta) -> row.get(0, String.class))
					.all()
					.collectList()
					.block());
		// The planner kept one partition of the many: the others are not in the plan.
		assertThat(this.db.sql("SELECT count(*) FROM pg_inherits WHERE inhparent = 'incident'::regclass")
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block()).isGreaterThan(3);
		assertThat(plan.lines().filter((line) -> line.matches(".* on incident_(y\\d{4}m\\d{2}|default) .*")))
			.singleElement()
			.asString()
			.doesNotContain("never executed");
	}

	@Test
	void anArchivedMonthLeavesTheWorkingSetButItsCodesAreStillTracked() {
		String month = someOldMonth();
		ensure(month);
		String code = code("A");
		long id = report(month, code);
		String archived = this.db.sql("SELECT gridmap_archive_incident_month(:month::date)")
			.bind("month", month)
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(archived).startsWith("incident_archived_y");
		this.http.get().uri("/api/v1/incidents/" + id).exchange().expectStatus().isNotFound();
		String track = new String(this.http.get()
			.uri("/api/v1/incidents/track/" + code)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(track).contains(code);
	}

}
