package org.gridmap.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.r2dbc.pool.ConnectionPool;
import org.gridmap.IntegrationTest;
import org.gridmap.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GRIDMAP_READ_DATABASE_URL}: the lag-tolerant reads run on the read pool, writes
 * and reads after a write on the primary, and reads fall back to the primary while the
 * replica cannot be reached. The "replica" here is the test database itself through the
 * read pool, told apart by its sessions' {@code application_name}; the read pool being
 * read-only makes any write routed to it fail. Real streaming replication is proven by
 * {@code bench/scaleout.sh}.
 */
@DirtiesContext
class ReadDatabaseTest extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	@Autowired
	ReadDatabase read;

	@DynamicPropertySource
	static void readDatabase(DynamicPropertyRegistry registry) {
		registry.add("gridmap.read-database-url", () -> text(TestDatabase.url()));
	}

	@Test
	void mapAndListReadsRunOnTheReadPool() {
		assertThat(this.read.replica()).isTrue();
		Map<String, Object> point = this.db
			.sql("SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_PointOnSurface(geom) c FROM grid "
					+ "WHERE valid_to = 'infinity' ORDER BY code LIMIT 1) p")
			.fetch()
			.one()
			.block();
		get("/api/v1/addresses?q=小区&limit=3");
		assertRanOnReadPool("org/gridmap/address/search.sql");
		get("/api/v1/lookup?lon=" + point.get("lon") + "&lat=" + point.get("lat") + "&asOf=2026-01-01");
		assertRanOnReadPool("org/gridmap/lookup/lookup.sql");
		get("/ogc/collections/grids/items?limit=2");
		assertRanOnReadPool("org/gridmap/ogc/grids.sql");
		get("/api/v1/incidents?limit=2");
		assertRanOnReadPool("org/gridmap/incident/features.sql");
		// The assessment reads in a read-only transaction: its session's last statement
		// is
		// the COMMIT.
		OffsetDateTime before = this.db.sql("SELECT clock_timestamp()")
			.map((row, meta) -> row.get(0, OffsetDateTime.class))
			.one()
			.block();
		get("/api/v1/stats/grids?from=2026-01-01&to=2026-02-01");
		assertThat(this.db
			.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
					+ "AND datname = current_database() AND query = 'COMMIT' AND state_change > :before")
			.bind("name", ReadDatabaseConfiguration.APPLICATION_NAME)
			.bind("before", before)
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block()).as("read-pool transactions committed during the assessment request").isPositive();
		get("/api/v1/hotspots?bbox=130.7,45.2,130.9,45.4&cellMetres=500");
		assertRanOnReadPool("org/gridmap/hotspot/hotspots.sql");
	}

	@Test
	void writesAndTheReadsAfterThemStayOnThePrimary() {
		Map<String, Object> report = this.db.sql("SELECT m.code AS matter, ST_X(c) AS lon, ST_Y(c) AS lat "
				+ "FROM (SELECT ST_PointOnSurface(geom) c FROM grid WHERE valid_to = 'infinity' ORDER BY code LIMIT 1) p, "
				+ "(SELECT code FROM matter ORDER BY code LIMIT 1) m")
			.fetch()
			.one()
			.block();
		// The read pool's sessions are read-only: had the report gone there, it would
		// fail.
		byte[] receipt = this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("matter", report.get("matter"), "description", "read pool test", "lon", report.get("lon"),
					"lat", report.get("lat"), "channel", "app"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		String id = new String(receipt, StandardCharsets.UTF_8).replaceFirst("^\\{\"id\":(\\d+).*$", "$1");
		this.http.get().uri("/api/v1/incidents/" + id).exchange().expectStatus().isOk();
		String readOnly = this.read.client()
			.sql("SELECT current_setting('default_transaction_read_only')")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(readOnly).isEqualTo("on");
	}

	@Test
	void readsFallBackToThePrimaryWhileTheReplicaCannotBeReached() {
		DatabaseUrl test = TestDatabase.url();
		R2dbcProperties settings = new R2dbcProperties();
		settings.setUsername(test.user());
		settings.setPassword(test.password());
		settings.getPool().setMaxCreateConnectionTime(Duration.ofSeconds(2));
		// Port 1 on this machine: nothing listens, the connection is refused.
		ConnectionPool gone = ReadDatabaseConfiguration
			.pool(new DatabaseUrl(test.host(), 1, test.database(), null, null, null), settings);
		ConnectionPool primary = ReadDatabaseConfiguration.pool(test, settings);
		try {
			ReplicaFirstConnectionFactory connections = new ReplicaFirstConnectionFactory(gone, primary,
					Duration.ofSeconds(30));
			DatabaseClient client = DatabaseClient.create(connections);
			for (int i = 1; i <= 3; i++) {
				assertThat(client.sql("SELECT 42").map((row, meta) -> row.get(0, Integer.class)).one().block())
					.isEqualTo(42);
				assertThat(connections.fallbacks()).isEqualTo(i);
				// After the first failure the replica is not asked again for a while.
				assertThat(connections.skipping()).isTrue();
			}
		}
		finally {
			gone.dispose();
			primary.dispose();
		}
	}

	private void get(String uri) {
		this.http.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult();
	}

	/**
	 * A read-pool session's last statement began with the SQL file's first line (its
	 * comment; pg_stat_activity keeps the first 1 kB of the text).
	 */
	private void assertRanOnReadPool(String sqlFile) {
		String firstLine = firstLine(sqlFile);
		List<String> queries = this.db
			.sql("SELECT query FROM pg_stat_activity WHERE application_name = :name AND datname = current_database()")
			.bind("name", ReadDatabaseConfiguration.APPLICATION_NAME)
			.map((row, meta) -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		assertThat(queries).as("statements of the read pool's sessions after reading with " + sqlFile)
			.anySatisfy((query) -> assertThat(query).contains(firstLine));
	}

	private static String firstLine(String resource) {
		try (InputStream in = ReadDatabaseTest.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(DatabaseUrl url) {
		return "postgresql://" + url.user() + ":" + url.password() + "@" + url.host() + ":" + url.port() + "/"
				+ url.database();
	}

}
