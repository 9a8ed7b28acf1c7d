package org.gridmap.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.flywaydb.core.Flyway;
import org.gridmap.database.DatabaseUrl;
import org.gridmap.demodistrict.Address;
import org.gridmap.demodistrict.Area;
import org.gridmap.demodistrict.DemoDistrict;
import org.gridmap.demodistrict.DemoIncident;
import org.gridmap.demodistrict.Department;
import org.gridmap.demodistrict.Grid;
import org.gridmap.demodistrict.Matter;
import org.gridmap.demodistrict.ScaledDistrictGenerator;
import org.gridmap.demodistrict.Staff;
import org.gridmap.demodistrict.Station;

/**
 * Loads the scaled dataset ({@link ScaledDistrictGenerator}: 2,000 grids, 1,000,000
 * addresses, 1,000,000 incidents with their timelines at scale 1) into an empty database,
 * from the command line, for benchmarks (run by {@code bench/scaled-data.sh}):
 *
 * <pre>
 * java -cp backend/target/gridmap.jar -Dloader.main=org.gridmap.demo.ScaledDataset \
 *     org.springframework.boot.loader.launch.PropertiesLauncher \
 *     --url postgresql://gridmap:gridmap@localhost:5432/gridmap_scaled [--scale 1] [--seed 20261123]
 * </pre>
 *
 * First Flyway migrates the database with the service's own migrations (and no demo
 * data). Then, in one transaction: the tables are truncated, their secondary indexes and
 * foreign keys dropped, every row written with {@code COPY … FREEZE} (rows frozen and
 * visible to all, so the first queries neither set hint bits nor wait for a vacuum), the
 * indexes rebuilt from their own definitions and the foreign keys validated once each.
 * {@code incident} is partitioned by month (V10), and PostgreSQL refuses {@code FREEZE}
 * on a partitioned table: its monthly partitions are made for the generated months and
 * each is copied into directly (the rows come in report order, so one month after the
 * other), and {@code incident_key} is copied alongside instead of being filled row by row
 * by its trigger. Incidents are generated on a second thread while the district is being
 * copied. A database that holds grids or incidents already is refused, never overwritten.
 */
public final class ScaledDataset {

	/** The tables written, parents first. */
	static final List<String> TABLES = List.of("department", "matter", "admin_area", "grid", "grid_staff",
			"service_station", "address", "incident_key", "incident", "incident_event");

	/** The months of incident's partitions: China Standard Time, as in V10. */
	private static final ZoneId PARTITION_ZONE = ZoneId.of("Asia/Shanghai");

	private static final long START = System.nanoTime();

	private final Connection connection;

	private ScaledDataset(Connection connection) {
		this.connection = connection;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("--url", System.getenv("GRIDMAP_DATABASE_URL"));
		options.put("--scale", "1");
		options.put("--seed", "20261123");
		options.put("--schema", null);
		for (int i = 0; i < args.length; i += 2) {
			if (!options.containsKey(args[i]) || i + 1 >= args.length) {
				System.err.println("usage: ScaledDataset --url postgresql://user:password@host:port/db "
						+ "[--scale 1] [--seed 20261123] [--schema NAME]");
				System.exit(2);
			}
			options.put(args[i], args[i + 1]);
		}
		if (options.get("--url") == null) {
			System.err.println("ScaledDataset: give --url or set GRIDMAP_DATABASE_URL");
			System.exit(2);
		}
		Map<String, Long> counts = load(DatabaseUrl.parse(options.get("--url")), options.get("--schema"),
				Long.parseLong(options.get("--seed")), Double.parseDouble(options.get("--scale")));
		counts.forEach((table, rows) -> System.out.printf("%-16s %,12d%n", table, rows));
	}

	/**
	 * Migrates the database and loads the scaled dataset.
	 * @param url the database
	 * @param schema a schema to load into instead of the default one ({@code public}),
	 * for tests; created when missing
	 * @param seed the generator's seed
	 * @param scale the share of the full dataset
	 * @return the rows of each table afterwards
	 */
	public static Map<String, Long> load(DatabaseUrl url, String schema, long seed, double scale)
			throws SQLException, InterruptedException, ExecutionException {
		if (schema != null && !schema.matches("^[a-z_][a-z0-9_]{0,62}$")) {
			throw new IllegalArgumentException("Schema names are lower-case identifiers, not " + schema);
		}
		long start = System.nanoTime();
		migrate(url, schema);
		log("migrated in %.1f s", (System.nanoTime() - start) / 1e9);
		Properties properties = new Properties();
		if (url.user() != null) {
			properties.setProperty("user", url.user());
		}
		if (url.password() != null) {
			properties.setProperty("password", url.password());
		}
		try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), properties)) {
			if (schema != null) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET search_path TO " + schema + ", public");
				}
			}
			ScaledDataset dataset = new ScaledDataset(connection);
			dataset.load(seed, scale);
			return dataset.counts();
		}
	}

	private static void migrate(DatabaseUrl url, String schema) {
		var configuration = Flyway.configure()
			.dataSource(url.jdbcUrl(), url.user(), url.password())
			.locations("classpath:db/migration");
		if (schema != null) {
			configuration = configuration.schemas(schema).defaultSchema(schema).createSchemas(true);
		}
		configuration.load().migrate();
	}

	private void load(long seed, double scale) throws SQLException, InterruptedException, ExecutionException {
		DemoDistrict district = ScaledDistrictGenerator.generate(seed, scale);
		log("generated %,d grids and %,d addresses", district.grids().size(), district.addresses().size());
		ExecutorService background = Executors.newSingleThreadExecutor();
		try {
			CompletableFuture<List<DemoIncident>> incidents = CompletableFuture
				.supplyAsync(() -> ScaledDistrictGenerator.incidents(district, seed), background);
			this.connection.setAutoCommit(false);
			try (Statement statement = this.connection.createStatement()) {
				refuseUnlessEmpty(statement);
				// Index builds sort in memory; the notify trigger stays quiet for
				// history.
				statement.execute("SET LOCAL maintenance_work_mem = '512MB'");
				statement.execute("SELECT set_config('gridmap.bulk', 'on', true)");
				statement.execute("TRUNCATE " + String.join(", ", TABLES) + " RESTART IDENTITY CASCADE");
				List<String> rebuild = dropIndexesAndForeignKeys(statement);
				// gridmap.bulk already silences it, but even a silent row trigger costs a
				// third more time over millions of timeline rows.
				statement.execute("ALTER TABLE incident_event DISABLE TRIGGER incident_event_notify");
				copyDistrict(district);
				List<DemoIncident> generated = incidents.get();
				log("generated %,d incidents", generated.size());
				makePartitions(generated);
				// The loader writes incident_key itself, in one COPY.
				statement.execute("ALTER TABLE incident DISABLE TRIGGER incident_key_insert");
				copyIncidents(generated);
				statement.execute("ALTER TABLE incident ENABLE TRIGGER incident_key_insert");
				for (String sql : rebuild) {
					long start = System.nanoTime();
					statement.execute(sql);
					log("%.1f s: %s", (System.nanoTime() - start) / 1e9, abbreviate(sql));
				}
				statement.execute("SELECT setval(pg_get_serial_sequence('incident', 'id'), max(id)) FROM incident");
				statement.execute("ALTER TABLE incident_event ENABLE TRIGGER incident_event_notify");
			}
			this.connection.commit();
			this.connection.setAutoCommit(true);
		}
		catch (SQLException | InterruptedException | ExecutionException | RuntimeException ex) {
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
			}
			throw ex;
		}
		finally {
			background.shutdownNow();
		}
		try (Statement statement = this.connection.createStatement()) {
			// Sets the visibility map where COPY FREEZE left it unset, and plans get
			// statistics.
			statement.execute("VACUUM (ANALYZE) " + String.join(", ", TABLES));
		}
		log("committed, vacuumed and analysed");
	}

	private void refuseUnlessEmpty(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery(
				"SELECT EXISTS (SELECT 1 FROM grid) OR EXISTS (SELECT 1 FROM incident) OR EXISTS (SELECT 1 FROM address)")) {
			result.next();
			if (result.getBoolean(1)) {
				throw new IllegalStateException(
						"The database holds grids, addresses or incidents already: load the scaled dataset into a fresh one");
			}
		}
	}

	/**
	 * Drops the loaded tables' foreign keys and the indexes behind no constraint, and
	 * returns the statements that make them again, indexes first.
	 */
	private List<String> dropIndexesAndForeignKeys(Statement statement) throws SQLException {
		String tables = "ARRAY[" + String.join(", ", TABLES.stream().map((t) -> "'" + t + "'::regclass").toList())
				+ "]";
		List<String> drop = new ArrayList<>();
		List<String> indexes = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		try (ResultSet result = statement
			// A partitioned table's index is defined "ON ONLY" the parent; rebuilt on the
			// whole table it is made on every partition again.
			.executeQuery("SELECT i.indexrelid::regclass::text, "
					+ "replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ') "
					+ "FROM pg_index i WHERE i.indrelid = ANY (" + tables + ") "
					+ "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1")) {
			while (result.next()) {
				drop.add("DROP INDEX " + result.getString(1));
				indexes.add(result.getString(2));
			}
		}
		try (ResultSet result = statement.executeQuery("SELECT conrelid::regclass::text, quote_ident(conname), "
				+ "pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY (" + tables
				+ ") ORDER BY 1, 2")) {
			while (result.next()) {
				drop.add("ALTER TABLE " + result.getString(1) + " DROP CONSTRAINT " + result.getString(2));
				keys.add("ALTER TABLE " + result.getString(1) + " ADD CONSTRAINT " + result.getString(2) + " "
						+ result.getString(3));
			}
		}
		for (String sql : drop) {
			statement.execute(sql);
		}
		List<String> rebuild = new ArrayList<>(indexes);
		rebuild.addAll(keys);
		return rebuild;
	}

	private void copyDistrict(DemoDistrict district) throws SQLException {
		try (CopyStream copy = copy("department (code, name, name_en, hotline)")) {
			for (Department department : district.departments()) {
				copy.text(department.code())
					.text(department.name())
					.text(department.nameEn())
					.text(department.hotline())
					.endRow();
			}
			copy.finish();
		}
		try (CopyStream copy = copy(
				"matter (code, name, name_en, department_code, tier, time_limit_hours, description)")) {
			for (Matter matter : district.matters()) {
				copy.text(matter.code())
					.text(matter.name())
					.text(matter.nameEn())
					.text(matter.departmentCode())
					.text(matter.tier())
					.number(matter.timeLimitHours())
					.text(matter.description())
					.endRow();
			}
			copy.finish();
		}
		try (CopyStream copy = copy("admin_area (level, kind, code, parent_code, name, geom)")) {
			for (Area area : district.areas()) {
				copy.text(area.level())
					.text(area.kind())
					.text(area.code())
					.text(area.parentCode())
					.text(area.name())
					.geometry(area.geometry())
					.endRow();
			}
			copy.finish();
		}
		try (CopyStream copy = copy("grid (code, community_code, name, grid_type, households, population, "
				+ "service_hotline, duties, geom)")) {
			for (Grid grid : district.grids()) {
				copy.text(grid.code())
					.text(grid.communityCode())
					.text(grid.name())
					.text(grid.type())
					.number(grid.households())
					.number(grid.population())
					.text(grid.hotline())
					.text(grid.duties())
					.geometry(grid.geometry())
					.endRow();
			}
			copy.finish();
		}
		try (CopyStream copy = copy("grid_staff (grid_code, role, name, phone, duties, sort_order)")) {
			for (Staff staff : district.staff()) {
				copy.text(staff.gridCode())
					.text(staff.role())
					.text(staff.name())
					.text(staff.phone())
					.text(staff.duties())
					.number(staff.sortOrder())
					.endRow();
			}
			copy.finish();
		}
		try (CopyStream copy = copy(
				"service_station (code, name, station_type, address, hours, phone, services, geom)")) {
			for (Station station : district.stations()) {
				copy.text(station.code())
					.text(station.name())
					.text(station.type())
					.text(station.address())
					.text(station.hours())
					.text(station.phone())
					.textArray(station.services())
					.geometry(station.location())
					.endRow();
			}
			copy.finish();
		}
		try (CopyStream copy = copy("address (address, compound, building, households, grid_code, geom)")) {
			for (Address address : district.addresses()) {
				copy.text(address.address())
					.text(address.compound())
					.text(address.building())
					.number(address.households())
					.text(address.gridCode())
					.geometry(address.location())
					.endRow();
			}
			copy.finish();
		}
		log("copied the district");
	}

	/** The monthly partitions of incident for the generated months (V10). */
	private void makePartitions(List<DemoIncident> incidents) throws SQLException {
		if (incidents.isEmpty()) {
			return;
		}
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT gridmap_ensure_incident_partitions(?, ?)")) {
			statement.setObject(1, OffsetDateTime.ofInstant(incidents.get(0).reportedAt(), ZoneOffset.UTC));
			statement.setObject(2,
					OffsetDateTime.ofInstant(incidents.get(incidents.size() - 1).reportedAt(), ZoneOffset.UTC));
			statement.execute();
		}
	}

	/**
	 * The partition that holds an instant: {@code gridmap_incident_partition_name} (V10)
	 * in Java.
	 */
	static String partition(Instant reportedAt) {
		ZonedDateTime local = reportedAt.atZone(PARTITION_ZONE);
		return String.format("incident_y%04dm%02d", local.getYear(), local.getMonthValue());
	}

	/**
	 * Incidents with ids in report order, so that the timeline rows can name them without
	 * a join, and {@code public_geom} computed as {@code gridmap_public_point} does; each
	 * month into its own partition, and their keys into {@code incident_key}.
	 */
	private void copyIncidents(List<DemoIncident> incidents) throws SQLException {
		try (CopyStream keys = copy("incident_key (id, tracking_code, reported_at)")) {
			long id = 0;
			for (DemoIncident incident : incidents) {
				keys.number(++id).text(incident.trackingCode()).instant(incident.reportedAt()).endRow();
			}
			keys.finish();
		}
		long id = 0;
		int from = 0;
		while (from < incidents.size()) {
			Instant first = incidents.get(from).reportedAt();
			Instant monthEnd = first.atZone(PARTITION_ZONE)
				.withDayOfMonth(1)
				.truncatedTo(ChronoUnit.DAYS)
				.plusMonths(1)
				.toInstant();
			int to = from;
			while (to < incidents.size() && incidents.get(to).reportedAt().isBefore(monthEnd)) {
				to++;
			}
			id = copyIncidents(partition(first), incidents.subList(from, to), id);
			from = to;
		}
		log("copied the incidents");
		copyTimelines(incidents);
	}

	/** One month of incidents into its partition; returns the last id given. */
	private long copyIncidents(String partition, List<DemoIncident> incidents, long lastId) throws SQLException {
		long id = lastId;
		try (CopyStream copy = copy(partition + " (id, tracking_code, matter_code, department_code, description, "
				+ "address, channel, status, reported_at, deadline, closed_at, updated_at, version, grid_code, "
				+ "community_code, street_code, assigned_worker, geom, public_geom, reporter_name, reporter_phone, "
				+ "reject_reason, satisfaction)")) {
			for (DemoIncident incident : incidents) {
				List<DemoIncident.Event> events = incident.events();
				copy.number(++id)
					.text(incident.trackingCode())
					.text(incident.matterCode())
					.text(incident.departmentCode())
					.text(incident.description())
					.text(incident.address())
					.text(incident.channel())
					.text(incident.status())
					.instant(incident.reportedAt())
					.instant(incident.deadline())
					.instant(incident.closedAt())
					.instant(events.get(events.size() - 1).at())
					.number(events.size())
					.text(incident.gridCode())
					.text(incident.communityCode())
					.text(incident.streetCode())
					.text(incident.assignedWorker())
					.point(incident.lon(), incident.lat())
					.point(publicCoordinate(incident.lon()), publicCoordinate(incident.lat()))
					.text(incident.reporterName())
					.text(incident.reporterPhone())
					.text(incident.rejectReason())
					.number(incident.satisfaction())
					.endRow();
			}
			copy.finish();
		}
		return id;
	}

	private void copyTimelines(List<DemoIncident> incidents) throws SQLException {
		try (CopyStream copy = copy(
				"incident_event (incident_id, at, action, from_status, to_status, actor, actor_role, note)")) {
			long id = 0;
			for (DemoIncident incident : incidents) {
				id++;
				for (DemoIncident.Event event : incident.events()) {
					copy.number(id)
						.instant(event.at())
						.text(event.action())
						.text(event.fromStatus())
						.text(event.toStatus())
						.text(event.actor())
						.text(event.actorRole())
						.text(event.note())
						.endRow();
				}
			}
			copy.finish();
		}
		log("copied the timelines");
	}

	/**
	 * One coordinate of {@code gridmap_public_point} (V2): the centre of its 0.001° cell,
	 * computed with the same float8 operations so that the result is bit for bit the
	 * same.
	 */
	static double publicCoordinate(double value) {
		return (Math.floor(value / 0.001) + 0.5) * 0.001;
	}

	private CopyStream copy(String target) throws SQLException {
		return new CopyStream(this.connection, "COPY " + target + " FROM STDIN WITH (FREEZE)");
	}

	private Map<String, Long> counts() throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : TABLES) {
			try (PreparedStatement statement = this.connection.prepareStatement("SELECT count(*) FROM " + table);
					ResultSet result = statement.executeQuery()) {
				result.next();
				counts.put(table, result.getLong(1));
			}
		}
		return counts;
	}

	private static String abbreviate(String sql) {
		return (sql.length() <= 110) ? sql : sql.substring(0, 110) + "…";
	}

	private static void log(String format, Object... args) {
		System.err.printf("[%6.1f s] %s%n", (System.nanoTime() - START) / 1e9, String.format(format, args));
	}

}
