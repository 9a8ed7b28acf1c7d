package org.gridmap.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridmap.TestDatabase;
import org.gridmap.database.DatabaseUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scaled-dataset loader at 1 % (20 grids, 10,000 addresses, 10,000 incidents) in a
 * schema of its own in the test database, migrated by the service's migrations: every
 * row, index, foreign key and trigger is there afterwards, the data passes PostGIS's
 * checks, and a second load is refused. The full scale is {@code bench/scaled-data.sh}.
 */
class ScaledDatasetTest {

	private static final String SCHEMA = "scaled_smoke";

	private static Map<String, Long> counts;

	@BeforeAll
	static void load() throws Exception {
		execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		counts = ScaledDataset.load(TestDatabase.url(), SCHEMA, 20261123L, 0.01);
	}

	@AfterAll
	static void drop() throws SQLException {
		execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
	}

	@Test
	void everyTableHoldsItsShareOfTheFullDataset() {
		assertThat(counts).containsEntry("grid", 20L)
			.containsEntry("address", 10_000L)
			.containsEntry("incident", 10_000L)
			.containsEntry("service_station", 4L)
			.containsEntry("department", 12L)
			.containsEntry("matter", 43L);
		assertThat(counts.get("incident_event")).isBetween(60_000L, 90_000L);
		assertThat(counts.get("grid_staff")).isGreaterThanOrEqualTo(20L * 7);
	}

	@Test
	void gridsTileTheDistrictAndHoldTheirAddresses() throws SQLException {
		assertThat(count("""
				SELECT count(*) FROM grid a JOIN grid b ON a.code < b.code AND a.geom && b.geom
				WHERE ST_Relate(a.geom, b.geom, '2********')""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM admin_area d WHERE d.level = 'district'
				  AND ST_Area(ST_SymDifference(d.geom, (SELECT ST_Union(geom) FROM grid))::geography) > 1""")).isZero();
		assertThat(count("""
				SELECT count(*) FROM address a
				WHERE NOT EXISTS (SELECT 1 FROM grid g WHERE g.code = a.grid_code AND ST_Contains(g.geom, a.geom))"""))
			.isZero();
	}

	@Test
	void incidentsAreAsTheServiceWritesThem() throws SQLException {
		assertThat(count("SELECT count(*) FROM incident WHERE NOT public_geom ~= gridmap_public_point(geom)")).isZero();
		assertThat(count("SELECT count(*) FROM incident WHERE version <> "
				+ "(SELECT count(*) FROM incident_event e WHERE e.incident_id = incident.id)"))
			.isZero();
		assertThat(count("SELECT count(DISTINCT status) FROM incident")).isGreaterThan(3);
		// Ids follow report order, as if the reports had come in one by one.
		assertThat(count("SELECT count(*) FROM (SELECT reported_at < lag(reported_at) OVER (ORDER BY id) AS back "
				+ "FROM incident) x WHERE back"))
			.isZero();
		assertThat(count("SELECT nextval(pg_get_serial_sequence('incident', 'id'))")).isEqualTo(10_001);
	}

	@Test
	void indexesForeignKeysAndTheNotifyTriggerAreBack() throws SQLException {
		assertThat(strings("SELECT indexname FROM pg_indexes WHERE schemaname = '" + SCHEMA + "'")).contains(
				"incident_geom_idx", "incident_event_incident_idx", "address_text_trgm_idx", "grid_geom_idx",
				"incident_reported_geom_idx", "incident_public_xy_idx");
		assertThat(count("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = '" + SCHEMA
				+ ".incident_event'::regclass"))
			.isEqualTo(1);
		assertThat(strings("SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'incident_event_notify' "
				+ "AND tgrelid = '" + SCHEMA + ".incident_event'::regclass"))
			.containsExactly("O");
	}

	@Test
	void aSecondLoadIsRefusedAndChangesNothing() throws SQLException {
		assertThatThrownBy(() -> ScaledDataset.load(TestDatabase.url(), SCHEMA, 7L, 0.01))
			.hasMessageContaining("holds grids");
		assertThat(count("SELECT count(*) FROM grid")).isEqualTo(20);
	}

	private static long count(String sql) throws SQLException {
		return Long.parseLong(strings(sql).get(0));
	}

	private static List<String> strings(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET search_path TO " + SCHEMA + ", public");
			List<String> values = new ArrayList<>();
			try (ResultSet result = statement.executeQuery(sql)) {
				while (result.next()) {
					values.add(result.getString(1));
				}
			}
			return values;
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Connection connect() throws SQLException {
		DatabaseUrl url = TestDatabase.url();
		return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
	}

}
