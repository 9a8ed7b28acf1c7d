package org.gridmap.gridindex;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.gridmap.TestDatabase;
import org.gridmap.database.DatabaseUrl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk assignment through the in-memory index writes the same grid codes as SQL's rule
 * (of the grids holding the point, the lowest code), touches only rows whose code
 * changes, and keeps to the box it is given.
 */
class BulkAssignTest extends IntegrationTest {

	@Test
	void assignsLikeSqlAndRewritesOnlyWhatChanged() throws Exception {
		DatabaseUrl url = TestDatabase.url();
		try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
				Statement sql = connection.createStatement()) {
			sql.execute(
					"""
							DROP TABLE IF EXISTS bulk_assign_test;
							CREATE TABLE bulk_assign_test AS
							SELECT i::bigint AS id, NULL::text AS grid_code,
							       ST_SetSRID(ST_MakePoint(130.60 + (i % 100) * 0.0041, 45.20 + (i / 100) * 0.0031), 4326) AS geom
							FROM generate_series(0, 9999) i;
							-- and every vertex of the live grids, where several grids meet
							INSERT INTO bulk_assign_test
							SELECT 100000 + row_number() OVER (), NULL, p FROM (
							  SELECT (ST_DumpPoints(geom)).geom AS p FROM grid WHERE valid_to = 'infinity') v""");
			Map<String, Object> first = BulkAssign.run(connection, "bulk_assign_test", "id", "geom", "grid_code", null);
			connection.setAutoCommit(true);
			assertThat(((Number) first.get("updated")).intValue()).isGreaterThan(2000);
			assertThat(count(sql, """
					SELECT count(*) FROM bulk_assign_test t
					WHERE t.grid_code IS DISTINCT FROM (SELECT min(g.code) FROM grid g
					  WHERE g.valid_from <= now() AND g.valid_to > now() AND ST_Intersects(g.geom, t.geom))"""))
				.isZero();

			Map<String, Object> again = BulkAssign.run(connection, "bulk_assign_test", "id", "geom", "grid_code", null);
			connection.setAutoCommit(true);
			assertThat(again.get("updated")).isEqualTo(0);

			sql.execute("UPDATE bulk_assign_test SET grid_code = 'stale'");
			BulkAssign.run(connection, "bulk_assign_test", "id", "geom", "grid_code",
					new double[] { 130.60, 45.20, 130.70, 45.25 });
			connection.setAutoCommit(true);
			long outside = count(sql, """
					SELECT count(*) FROM bulk_assign_test
					WHERE NOT geom && ST_MakeEnvelope(130.60, 45.20, 130.70, 45.25, 4326)""");
			assertThat(count(sql, "SELECT count(*) FROM bulk_assign_test WHERE grid_code = 'stale'"))
				.isEqualTo(outside);
			sql.execute("DROP TABLE bulk_assign_test");
		}
	}

	@Test
	void aBulkReassignmentIsOneAuditSummaryRowNotOneRowPerAddress() throws Exception {
		DatabaseUrl url = TestDatabase.url();
		try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
				Statement sql = connection.createStatement()) {
			// 2,000 addresses lose their grid (quietly: this stands for a boundary
			// change).
			connection.setAutoCommit(false);
			sql.execute("SELECT set_config('gridmap.audit', 'summary', true)");
			sql.execute("CREATE TEMPORARY TABLE saved_grids ON COMMIT PRESERVE ROWS AS "
					+ "SELECT id, grid_code FROM address WHERE grid_code IS NOT NULL ORDER BY id LIMIT 2000");
			sql.execute("UPDATE address a SET grid_code = NULL FROM saved_grids s WHERE a.id = s.id");
			connection.commit();
			long mark = count(sql, "SELECT coalesce(max(id), 0) FROM audit_log");

			Map<String, Object> report = BulkAssign.run(connection, "address", "id", "geom", "grid_code", null);
			connection.setAutoCommit(true);
			assertThat(((Number) report.get("updated")).intValue()).isGreaterThanOrEqualTo(2000);
			assertThat(count(sql, "SELECT count(*) FROM audit_log WHERE id > " + mark)).isOne();
			assertThat(count(sql, "SELECT count(*) FROM audit_log WHERE id > " + mark
					+ " AND action = 'summary' AND table_name = 'address' AND (after->>'updated')::int >= 2000"))
				.isOne();
			assertThat(count(sql, "SELECT count(*) FROM address a JOIN saved_grids s ON s.id = a.id "
					+ "WHERE a.grid_code IS DISTINCT FROM s.grid_code"))
				.isZero();
		}
	}

	private static long count(Statement sql, String query) throws Exception {
		try (ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
