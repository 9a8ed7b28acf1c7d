package org.gridmap;

import org.gridmap.database.DatabaseUrl;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one test-database mechanism: the local PostGIS named by
 * {@code GRIDMAP_TEST_DATABASE_URL} (what {@code scripts/test.sh} sets up, an empty
 * database per run) or, where a Docker engine answers and the variable is unset, a
 * {@code postgis/postgis} container started once per test JVM. Never H2, never a mock.
 */
public final class TestDatabase {

	static final String VARIABLE = "GRIDMAP_TEST_DATABASE_URL";

	static final String IMAGE = "postgis/postgis:15-3.4";

	private static DatabaseUrl url;

	private TestDatabase() {
	}

	public static synchronized DatabaseUrl url() {
		if (url == null) {
			url = resolve();
		}
		return url;
	}

	/** Points the R2DBC pool and Flyway at the test database. */
	public static void register(DynamicPropertyRegistry registry) {
		DatabaseUrl database = url();
		String text = "postgresql://" + database.user() + ":" + database.password() + "@" + database.host() + ":"
				+ database.port() + "/" + database.database();
		registry.add("gridmap.database-url", () -> text);
		registry.add("spring.r2dbc.url", database::r2dbcUrl);
		registry.add("spring.r2dbc.username", database::user);
		registry.add("spring.r2dbc.password", database::password);
		registry.add("spring.flyway.url", database::jdbcUrl);
		registry.add("spring.flyway.user", database::user);
		registry.add("spring.flyway.password", database::password);
	}

	private static DatabaseUrl resolve() {
		String configured = System.getenv(VARIABLE);
		if (configured != null && !configured.isBlank()) {
			return DatabaseUrl.parse(configured);
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer(
					DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"))
				.withDatabaseName("gridmap")
				.withUsername("gridmap")
				.withPassword("gridmap");
			container.start();
			return new DatabaseUrl(container.getHost(), container.getMappedPort(5432), "gridmap", "gridmap", "gridmap",
					null);
		}
		throw new IllegalStateException("No test database: set " + VARIABLE
				+ " (scripts/test.sh does this, with a local PostGIS) or run where a Docker engine answers.");
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
