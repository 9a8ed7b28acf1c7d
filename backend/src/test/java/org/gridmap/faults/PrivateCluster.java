package org.gridmap.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own for the fault tests, so that restarting or crashing it
 * never disturbs the shared test database the other tests use: {@code initdb} into a
 * temporary directory, {@code pg_ctl start} on a free port (TCP on 127.0.0.1 only, no
 * Unix socket), a database with PostGIS owned by a password role, and {@code pg_ctl
 * restart -m fast|immediate} on demand. {@link #close()} stops it ({@code -m immediate})
 * and deletes the directory; a shutdown hook does the same if the JVM ends first, so no
 * server is left running.
 *
 * <p>
 * The binaries are the Debian packages' that {@code scripts/postgis.sh} installs
 * ({@code /usr/lib/postgresql/15/bin}, or {@code GRIDMAP_PG_BIN}). {@code initdb} refuses
 * to run as root, so as root every server command runs as the {@code postgres} OS user
 * ({@code runuser}), which owns the directory; otherwise as the current user.
 */
final class PrivateCluster implements AutoCloseable {

	static final String ROLE = "gridmap";

	static final String PASSWORD = "gridmap";

	private static final String SUPERUSER_PASSWORD = "faults-superuser";

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

	private final Path bin;

	private final Path home;

	private final Path data;

	private final Path log;

	private final int port;

	private final boolean root;

	private final Thread hook;

	private volatile boolean closed;

	private PrivateCluster(Path bin, Path home, int port) {
		this.bin = bin;
		this.home = home;
		this.data = home.resolve("data");
		this.log = home.resolve("server.log");
		this.port = port;
		this.root = "root".equals(System.getProperty("user.name"));
		this.hook = new Thread(this::stopQuietly, "private-cluster-stop");
	}

	/** Creates and starts a cluster with one PostGIS database, {@code database}. */
	static PrivateCluster start(String database) {
		Path bin = Path.of(System.getenv().getOrDefault("GRIDMAP_PG_BIN", "/usr/lib/postgresql/15/bin"));
		if (!Files.isExecutable(bin.resolve("initdb"))) {
			throw new IllegalStateException("No PostgreSQL server binaries in " + bin
					+ ": run scripts/postgis.sh (it installs postgresql-15 and PostGIS), or set GRIDMAP_PG_BIN");
		}
		Path home;
		try {
			home = Files.createTempDirectory("gridmap-faults-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		PrivateCluster cluster = new PrivateCluster(bin, home, freePort());
		Runtime.getRuntime().addShutdownHook(cluster.hook);
		try {
			cluster.initialise();
			cluster.startServer();
			cluster.createDatabase(database);
			return cluster;
		}
		catch (RuntimeException | Error ex) {
			cluster.close();
			throw ex;
		}
	}

	int port() {
		return this.port;
	}

	/** The service's URL for a database of this cluster at another host and port. */
	static String url(String host, int port, String database) {
		return "postgresql://" + ROLE + ":" + PASSWORD + "@" + host + ":" + port + "/" + database;
	}

	/** {@code pg_ctl restart -m MODE} ({@code fast} or {@code immediate}), waiting. */
	void restart(String mode) {
		pgCtl("restart", "-m", mode, "-w", "-t", "60");
	}

	/**
	 * Ends every backend connected to {@code database} ({@code pg_terminate_backend}).
	 * @return how many were ended
	 */
	int terminateBackends(String database) {
		try (Connection connection = superuser("postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"
								+ database + "' AND pid <> pg_backend_pid()")) {
			rows.next();
			return rows.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("pg_terminate_backend failed", ex);
		}
	}

	/** A superuser connection straight to the cluster (not through any proxy). */
	Connection superuser(String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/" + database, "postgres",
				SUPERUSER_PASSWORD);
	}

	/** The end of the server log, for failure messages. */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no server log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		stopQuietly();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down: the hook runs or has run.
		}
	}

	private synchronized void stopQuietly() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (Files.exists(this.data.resolve("postmaster.pid"))) {
			try {
				pgCtl("stop", "-m", "immediate", "-w", "-t", "30");
			}
			catch (RuntimeException ex) {
				System.err.println("Could not stop the private cluster in " + this.data + ": " + ex.getMessage());
				return;
			}
		}
		try (Stream<Path> files = Files.walk(this.home)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temporary directory is harmless.
		}
	}

	private void initialise() {
		try {
			Path passwordFile = this.home.resolve("superuser-password");
			Files.writeString(passwordFile, SUPERUSER_PASSWORD + "\n");
			if (this.root) {
				// The postgres user owns the directory it runs in (initdb refuses root).
				UserPrincipal postgres = this.home.getFileSystem()
					.getUserPrincipalLookupService()
					.lookupPrincipalByName("postgres");
				Files.setOwner(this.home, postgres);
				Files.setOwner(passwordFile, postgres);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// UTF-8 whatever the machine's locale; --no-sync: a test cluster needs no durable
		// initdb, the server itself runs with the default fsync settings.
		run(List.of(this.bin.resolve("initdb").toString(), "-D", this.data.toString(), "-U", "postgres",
				"--pwfile=" + this.home.resolve("superuser-password"), "--auth=scram-sha-256", "--encoding=UTF8",
				"--locale=C.UTF-8", "--no-sync"));
	}

	private void startServer() {
		// Options are kept in postmaster.opts, so that restart starts it the same way.
		pgCtl("start", "-w", "-t", "60", "-l", this.log.toString(), "-o",
				"-p " + this.port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=60"
						+ " -c shared_buffers=32MB -c fsync=on");
	}

	private void createDatabase(String database) {
		try (Connection admin = superuser("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
			statement.execute("CREATE DATABASE " + database + " OWNER " + ROLE);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the role and database: " + ex.getMessage(), ex);
		}
		// The same extensions as scripts/postgis.sh (pgRouting where installed).
		try (Connection admin = superuser(database); Statement statement = admin.createStatement()) {
			statement.execute("CREATE EXTENSION postgis");
			statement.execute("CREATE EXTENSION btree_gist");
			statement.execute("CREATE EXTENSION pg_trgm");
			try {
				statement.execute("CREATE EXTENSION pgrouting");
			}
			catch (SQLException ex) {
				// Optional, as in scripts/postgis.sh.
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the PostGIS extensions: " + ex.getMessage(), ex);
		}
	}

	private void pgCtl(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.bin.resolve("pg_ctl").toString());
		command.add("-D");
		command.add(this.data.toString());
		command.addAll(List.of(arguments));
		run(command);
	}

	/** Runs a server command as the postgres user when root, and fails on a bad exit. */
	private void run(List<String> command) {
		List<String> full = new ArrayList<>();
		if (this.root) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		Path output = this.home.resolve("command.out");
		try {
			// Output to a file: pg_ctl start leaves the server holding inherited pipes.
			Process process = new ProcessBuilder(full).directory(this.home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", full) + " did not finish in " + COMMAND_TIMEOUT);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", full) + " failed (exit " + process.exitValue() + "):\n"
						+ Files.readString(output) + "\n" + logTail());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + String.join(" ", full), ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
