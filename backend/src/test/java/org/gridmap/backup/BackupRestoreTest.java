package org.gridmap.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gridmap.IntegrationTest;
import org.gridmap.TestDatabase;
import org.gridmap.database.DatabaseUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The documented procedure, run as documented: {@code scripts/backup.sh} dumps the test
 * database (demo district plus fresh writes: a report through the API, audit rows), and
 * {@code scripts/restore.sh} restores it into a new database. Every table then has the
 * same rows (count and an md5 of all rows in order) as the source, every sequence the
 * same value, the Flyway history is whole, the restored database answers a lookup in SQL,
 * and its audit log is still append-only with its triggers in place.
 */
class BackupRestoreTest extends IntegrationTest {

	@TempDir
	Path backups;

	@Test
	void aBackupRestoredIntoAFreshDatabaseHasEveryRow() throws Exception {
		this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"matter\": \"" + firstMatter()
					+ "\", \"description\": \"备份前的新报告\", \"lon\": 130.80, \"lat\": 45.35}")
			.exchange()
			.expectStatus()
			.isCreated();
		DatabaseUrl source = TestDatabase.url();
		String target = source.database() + "_restored";
		try (Connection admin = connect(source, "postgres"); Statement sql = admin.createStatement()) {
			sql.execute("DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
		}

		String dump = run(List.of(script("backup.sh"), url(source, source.database()), this.backups.toString()))
			.strip();
		assertThat(Path.of(dump)).exists();
		Map<String, String> before = fingerprint(source, source.database());
		run(List.of(script("restore.sh"), dump, url(source, target)));
		Map<String, String> after = fingerprint(source, target);

		assertThat(before).containsKeys("table incident", "table incident_event", "table audit_log",
				"table flyway_schema_history", "sequence incident_id_seq");
		assertThat(before.keySet().stream().filter((key) -> key.startsWith("table ")).count()).isGreaterThan(20);
		assertThat(after).isEqualTo(before);

		try (Connection restored = connect(source, target); Statement sql = restored.createStatement()) {
			assertThat(one(sql, "SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isEqualTo("0");
			assertThat(one(sql, "SELECT max(version::int) FROM flyway_schema_history"))
				.isEqualTo(before.get("latest migration"));
			assertThat(one(sql, "SELECT gridmap_lookup(130.80, 45.35, now())::text")).containsPattern("\"[0-9]{15}\"");
			assertThatThrownBy(() -> sql.execute("DELETE FROM audit_log")).isInstanceOf(SQLException.class);
			long audit = Long.parseLong(one(sql, "SELECT count(*) FROM audit_log"));
			sql.execute("INSERT INTO department (code, name) VALUES ('restored-check', '恢复检查')");
			assertThat(Long.parseLong(one(sql, "SELECT count(*) FROM audit_log"))).isEqualTo(audit + 1);
		}
		try (Connection admin = connect(source, "postgres"); Statement sql = admin.createStatement()) {
			sql.execute("DROP DATABASE " + target + " WITH (FORCE)");
		}
	}

	/** Rows per table with an md5 of all of them, and each sequence's value. */
	private static Map<String, String> fingerprint(DatabaseUrl server, String database) throws SQLException {
		Map<String, String> out = new LinkedHashMap<>();
		try (Connection connection = connect(server, database); Statement sql = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = sql.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON "
					+ "n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1")) {
				while (rows.next()) {
					tables.add(rows.getString(1));
				}
			}
			for (String table : tables) {
				// Rows in a stable order of their text: no table's key need be known.
				out.put("table " + table, one(sql, "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' "
						+ "ORDER BY t::text)), '') FROM public.\"" + table + "\" t"));
			}
			out.put("latest migration", one(sql, "SELECT max(version::int) FROM flyway_schema_history"));
			try (ResultSet rows = sql.executeQuery(
					"SELECT sequencename, coalesce(last_value, 0) FROM pg_sequences WHERE schemaname = 'public'")) {
				while (rows.next()) {
					out.put("sequence " + rows.getString(1), rows.getString(2));
				}
			}
		}
		return out;
	}

	private String firstMatter() throws SQLException {
		try (Connection connection = connect(TestDatabase.url(), TestDatabase.url().database());
				Statement sql = connection.createStatement()) {
			return one(sql, "SELECT min(code) FROM matter");
		}
	}

	private static String one(Statement sql, String query) throws SQLException {
		try (ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static Connection connect(DatabaseUrl server, String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database,
				server.user(), server.password());
	}

	private static String url(DatabaseUrl server, String database) {
		return "postgresql://" + server.user() + ":" + server.password() + "@" + server.host() + ":" + server.port()
				+ "/" + database;
	}

	private static String script(String name) {
		Path path = Path.of("..", "scripts", name);
		if (!Files.exists(path)) {
			path = Path.of("scripts", name);
		}
		return path.toAbsolutePath().toString();
	}

	/** Runs a script; fails on a non-zero exit; returns its standard output. */
	private static String run(List<String> command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("GRIDMAP_DATABASE_URL");
		Path errors = Files.createTempFile("script", ".err");
		builder.redirectError(errors.toFile());
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("script finished").isTrue();
		String err = Files.readString(errors);
		Files.delete(errors);
		assertThat(process.exitValue()).as(command + ": " + err).isZero();
		System.out.println(err.strip());
		return out;
	}

}
