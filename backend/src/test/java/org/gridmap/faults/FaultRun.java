package org.gridmap.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.gridmap.GridmapApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service under faults: a {@link PrivateCluster}, a {@link TcpProxy} in front of it,
 * the service started against the proxy on a random port (demo district loaded, rate
 * limits off, short timeouts so a run stays short), a {@link ReportLoad} and a readiness
 * monitor. {@link #fault} injects one fault, waits for the service to recover and returns
 * the figures; {@link #check} compares what the clients were told with what the database
 * holds.
 */
final class FaultRun implements AutoCloseable {

	private static final String ADMIN_PASSWORD = "fault-test-admin-password";

	static final String DATABASE = "gridmap_faults";

	static final String DESCRIPTION_PREFIX = "fault-test ";

	/** Settings of the service under test: the defaults' proportions, scaled down. */
	static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(2);

	static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(3);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);

	static final int POOL_MAX = 6;

	/**
	 * With {@code -Dgridmap.faults.demo=true} the demo district is loaded (reports are
	 * assigned to grids; about a minute more); by default only a department and a matter.
	 */
	static final boolean DEMO = Boolean.getBoolean("gridmap.faults.demo");

	/** A request taking longer than the request timeout plus this is a hang. */
	static final Duration MARGIN = Duration.ofSeconds(3);

	final PrivateCluster cluster;

	final TcpProxy proxy;

	final ConfigurableApplicationContext app;

	final String base;

	final Duration startUp;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ConcurrentLinkedQueue<long[]> health = new ConcurrentLinkedQueue<>();

	private volatile boolean monitoring = true;

	ReportLoad load;

	private FaultRun(PrivateCluster cluster, TcpProxy proxy, ConfigurableApplicationContext app, Duration startUp) {
		this.cluster = cluster;
		this.proxy = proxy;
		this.app = app;
		this.base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
		this.startUp = startUp;
		Thread monitor = new Thread(this::monitorHealth, "readiness-monitor");
		monitor.setDaemon(true);
		monitor.start();
	}

	static FaultRun start() throws IOException, SQLException {
		PrivateCluster cluster = PrivateCluster.start(DATABASE);
		TcpProxy proxy = null;
		try {
			proxy = new TcpProxy(cluster.port());
			long begin = System.nanoTime();
			// As command-line arguments: they take precedence over application.properties
			// and the environment (default properties would not).
			String[] arguments = serviceProperties(PrivateCluster.url("127.0.0.1", proxy.port(), DATABASE)).entrySet()
				.stream()
				.map((property) -> "--" + property.getKey() + "=" + property.getValue())
				.toArray(String[]::new);
			ConfigurableApplicationContext app = new SpringApplicationBuilder(GridmapApplication.class).run(arguments);
			String r2dbc = app.getEnvironment().getProperty("spring.r2dbc.url", "")
					+ app.getEnvironment().getProperty("spring.flyway.url", "");
			if (!r2dbc.matches(".*:" + proxy.port() + "/.*:" + proxy.port() + "/.*")) {
				SpringApplication.exit(app);
				throw new IllegalStateException("The service is not using the proxy but " + r2dbc);
			}
			if (!DEMO) {
				loadFixture(cluster);
			}
			return new FaultRun(cluster, proxy, app, Duration.ofNanos(System.nanoTime() - begin));
		}
		catch (RuntimeException | Error ex) {
			if (proxy != null) {
				proxy.close();
			}
			cluster.close();
			throw ex;
		}
	}

	private static Map<String, Object> serviceProperties(String url) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("gridmap.database-url", url);
		properties.put("server.port", "0");
		properties.put("gridmap.demo-data", String.valueOf(DEMO));
		properties.put("spring.main.banner-mode", "off");
		properties.put("gridmap.rate-limit.enabled", "false");
		properties.put("spring.r2dbc.pool.initial-size", "2");
		properties.put("spring.r2dbc.pool.max-size", String.valueOf(POOL_MAX));
		properties.put("spring.r2dbc.pool.max-acquire-time", ACQUIRE_TIMEOUT.toMillis() + "ms");
		properties.put("spring.r2dbc.pool.max-create-connection-time", "2s");
		properties.put("spring.r2dbc.properties.statementTimeout", STATEMENT_TIMEOUT.toMillis() + "ms");
		properties.put("gridmap.request-timeout", REQUEST_TIMEOUT.toMillis() + "ms");
		// No background work competing with the load.
		properties.put("gridmap.plan.activation-interval", "0");
		// Workflow steps need a signed-in user; reports stay anonymous.
		properties.put("gridmap.admin-password", ADMIN_PASSWORD);
		return properties;
	}

	private static void loadFixture(PrivateCluster cluster) throws IOException, SQLException {
		try (InputStream in = FaultRun.class.getResourceAsStream("/fixtures/faults-matter.sql");
				Connection db = cluster.superuser(DATABASE);
				Statement statement = db.createStatement()) {
			statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	/**
	 * The reports' matter and point: in a grid of the demo district when it is loaded,
	 * else near Didao in no grid.
	 */
	ReportLoad newLoad() throws SQLException {
		try (Connection db = this.cluster.superuser(DATABASE);
				Statement statement = db.createStatement();
				ResultSet row = statement.executeQuery("SELECT (SELECT code FROM matter ORDER BY code LIMIT 1), "
						+ "coalesce(ST_X(p), 130.8), coalesce(ST_Y(p), 45.35) FROM (SELECT NULL) x LEFT JOIN "
						+ "(SELECT ST_PointOnSurface(geom) p FROM grid WHERE valid_to = 'infinity' ORDER BY code LIMIT 1) g "
						+ "ON true")) {
			row.next();
			this.load = new ReportLoad(this.base, row.getString(1), row.getDouble(2), row.getDouble(3),
					REQUEST_TIMEOUT.plus(MARGIN));
			return this.load;
		}
	}

	/**
	 * Injects one fault under the running load, waits (at most {@code patience}) until a
	 * report sent after it ended is accepted and readiness is UP again, lets the load run
	 * {@code settle} more, and returns the recovery times.
	 */
	Recovery fault(String name, FaultAction action, Duration settle, Duration patience) throws Exception {
		this.load.phase(name);
		long start = System.nanoTime();
		String detail = action.inject();
		long end = System.nanoTime();
		long deadline = end + patience.toNanos();
		Long accepted = null;
		Long up = null;
		while (System.nanoTime() < deadline && (accepted == null || up == null)) {
			Thread.sleep(50);
			accepted = this.load.firstAcceptedStartedAfter(end);
			up = firstUpAfterDown(start);
		}
		Thread.sleep(settle.toMillis());
		Long down = firstDownAfter(start);
		Long firstFailure = this.load.firstFailureAfter(start);
		Long lastFailure = this.load.lastFailureAfter(start);
		return new Recovery(name, detail, millis(end - start), (accepted != null) ? millis(accepted - start) : -1,
				(accepted != null) ? millis(accepted - end) : -1,
				(firstFailure != null) ? millis(firstFailure - start) : -1,
				(lastFailure != null) ? millis(lastFailure - start) : -1, (down != null) ? millis(down - start) : -1,
				(up != null) ? millis(up - start) : -1);
	}

	/** What the clients were told, per phase, against what the database holds. */
	Map<String, Tally> check() throws SQLException {
		Map<String, long[]> stored = new HashMap<>();
		try (Connection db = this.cluster.superuser(DATABASE);
				Statement statement = db.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT substr(description, " + (DESCRIPTION_PREFIX.length() + 1)
							+ "), count(*), min(id), max(id) FROM incident WHERE description LIKE '"
							+ DESCRIPTION_PREFIX + "%' GROUP BY 1")) {
			while (rows.next()) {
				stored.put(rows.getString(1), new long[] { rows.getLong(2), rows.getLong(3), rows.getLong(4) });
			}
		}
		Map<String, Long> keys = new HashMap<>();
		try (Connection db = this.cluster.superuser(DATABASE);
				Statement statement = db.createStatement();
				ResultSet rows = statement.executeQuery("SELECT key, incident_id FROM idempotency_key")) {
			while (rows.next()) {
				keys.put(rows.getString(1), rows.getLong(2));
			}
		}
		Map<String, Tally> tallies = new java.util.LinkedHashMap<>();
		this.load.phases().forEach((phase) -> tallies.put(phase, new Tally(phase)));
		this.load.sent.forEach((key, phase) -> {
			Tally tally = tallies.computeIfAbsent(phase, Tally::new);
			tally.sent++;
			long[] row = stored.get(key);
			Long id = this.load.accepted.get(key);
			if (row != null) {
				tally.stored++;
				if (row[0] > 1) {
					tally.duplicated++;
					tally.problems.add(key + " stored " + row[0] + " times");
				}
			}
			if (id != null) {
				tally.accepted++;
				if (row == null) {
					tally.lost++;
					tally.problems.add(key + " answered 201 (id " + id + ") but not stored");
				}
				else if (row[1] != id || row[2] != id) {
					tally.problems.add(key + " answered id " + id + " but stored as " + row[1]);
				}
				if (!id.equals(keys.get(key))) {
					tally.problems.add(key + " has idempotency record " + keys.get(key) + ", answered " + id);
				}
			}
		});
		return tallies;
	}

	/** GET of a path on the service: status and body. */
	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(15)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** POST of a JSON body, anonymously: status and body. */
	HttpResponse<String> post(String path, String json) throws Exception {
		return post(path, json, null);
	}

	/** POST of a JSON body with a bearer token (or none): status and body. */
	HttpResponse<String> post(String path, String json, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(REQUEST_TIMEOUT.plus(MARGIN))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The first admin's session token. */
	String adminToken() throws Exception {
		HttpResponse<String> session = post("/api/v1/session",
				"{\"name\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
		if (session.statusCode() != 201) {
			throw new IllegalStateException("Sign-in failed: " + session.statusCode() + " " + session.body());
		}
		return session.body().replaceAll("(?s).*?\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
	}

	@Override
	public void close() {
		this.monitoring = false;
		if (this.load != null) {
			this.load.close();
		}
		try {
			SpringApplication.exit(this.app);
		}
		finally {
			this.proxy.close();
			this.cluster.close();
		}
	}

	private void monitorHealth() {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + "/actuator/health/readiness"))
			.timeout(REQUEST_TIMEOUT.plus(MARGIN))
			.build();
		while (this.monitoring) {
			int status;
			try {
				status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (Exception ex) {
				status = 0;
			}
			this.health.add(new long[] { System.nanoTime(), status });
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private Long firstDownAfter(long since) {
		return this.health.stream()
			.filter((h) -> h[0] >= since && h[1] != 200)
			.map((h) -> h[0])
			.min(Long::compare)
			.orElse(null);
	}

	/**
	 * Readiness UP after the first DOWN since {@code since}; {@code since} if never DOWN.
	 */
	private Long firstUpAfterDown(long since) {
		Long down = firstDownAfter(since);
		if (down == null) {
			// Not seen DOWN (yet): UP once a probe after the start answered 200.
			return this.health.stream().anyMatch((h) -> h[0] >= since && h[1] == 200) ? since : null;
		}
		return this.health.stream()
			.filter((h) -> h[0] > down && h[1] == 200)
			.map((h) -> h[0])
			.min(Long::compare)
			.orElse(null);
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

	@FunctionalInterface
	interface FaultAction {

		/** Injects the fault (returning when it is over) and says what it did. */
		String inject() throws Exception;

	}

	/**
	 * Times from the fault's start, in ms ({@code -1}: not seen): the fault itself, the
	 * first 201 of a report sent after it, the first and last failed attempt, readiness
	 * DOWN and UP again.
	 */
	record Recovery(String fault, String detail, long faultMillis, long firstAcceptedMillis,
			long acceptedAfterFaultEndMillis, long firstFailureMillis, long lastFailureMillis, long healthDownMillis,
			long healthUpMillis) {
	}

	/** Reports first sent during one phase. */
	static final class Tally {

		final String phase;

		long sent;

		long accepted;

		long stored;

		long duplicated;

		long lost;

		final List<String> problems = new ArrayList<>();

		Tally(String phase) {
			this.phase = phase;
		}

	}

}
