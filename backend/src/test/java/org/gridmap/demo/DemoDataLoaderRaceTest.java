package org.gridmap.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.gridmap.TestDatabase;
import org.gridmap.database.DatabaseUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances started together on one empty database (several behind a proxy) each run the
 * demo loader after their migrations: the district must be loaded once and no start may
 * fail. In a schema of its own in the test database, migrated by the service's
 * migrations.
 */
class DemoDataLoaderRaceTest {

	private static final String SCHEMA = "demo_race";

	@BeforeAll
	static void migrate() throws SQLException {
		drop();
		DatabaseUrl url = TestDatabase.url();
		Flyway.configure()
			.dataSource(url.jdbcUrl(), url.user(), url.password())
			.locations("classpath:db/migration")
			.schemas(SCHEMA)
			.defaultSchema(SCHEMA)
			.createSchemas(true)
			.load()
			.migrate();
	}

	@AfterAll
	static void drop() throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
	}

	@Test
	void twoLoadersStartedTogetherLoadTheDistrictOnce() throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<Void>> loads = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				loads.add(threads.submit(() -> {
					try (Connection connection = connect()) {
						start.await();
						// An auto-commit connection: the loader opens and commits its own
						// transaction.
						new DemoDataLoader().load(connection);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<Void> load : loads) {
				load.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(count("SELECT count(*) FROM admin_area WHERE level = 'district'")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM grid")).isEqualTo(146);
	}

	private static long count(String sql) throws SQLException {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	/** A connection whose unqualified names resolve in the test's schema. */
	private static Connection connect() throws SQLException {
		DatabaseUrl url = TestDatabase.url();
		Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET search_path TO " + SCHEMA + ", public");
		}
		return connection;
	}

}
