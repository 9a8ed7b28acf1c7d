package org.gridmap.demo;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.gridmap.demodistrict.Address;
import org.gridmap.demodistrict.Area;
import org.gridmap.demodistrict.DemoDistrict;
import org.gridmap.demodistrict.DemoDistrictGenerator;
import org.gridmap.demodistrict.Department;
import org.gridmap.demodistrict.Grid;
import org.gridmap.demodistrict.Matter;
import org.gridmap.demodistrict.Staff;
import org.gridmap.demodistrict.Station;
import org.postgresql.PGConnection;

/**
 * Loads the demo district and its year of incidents into an empty database after Flyway's
 * migrate, in one transaction: either all of it is there or none. Dwellings go through
 * {@code COPY} (tens of thousands of rows), incidents too ({@link DemoIncidentLoader});
 * everything else through batched inserts with geometry as WKT. Validity periods are left
 * at their defaults: the demo has only a present.
 */
class DemoDataLoader implements Callback {

	private static final Log logger = LogFactory.getLog(DemoDataLoader.class);

	private static final String INSERT_AREA = "INSERT INTO admin_area (level, kind, code, parent_code, name, geom) "
			+ "VALUES (?, ?, ?, ?, ?, ST_Multi(ST_GeomFromText(?, 4326)))";

	private static final String INSERT_GRID = "INSERT INTO grid (code, community_code, name, grid_type, households, "
			+ "population, service_hotline, duties, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
			+ "ST_Multi(ST_GeomFromText(?, 4326)))";

	private static final String INSERT_STAFF = "INSERT INTO grid_staff (grid_code, role, name, phone, duties, sort_order) "
			+ "VALUES (?, ?, ?, ?, ?, ?)";

	private static final String INSERT_DEPARTMENT = "INSERT INTO department (code, name, name_en, hotline) "
			+ "VALUES (?, ?, ?, ?)";

	private static final String INSERT_MATTER = "INSERT INTO matter (code, name, name_en, department_code, tier, "
			+ "time_limit_hours, description) VALUES (?, ?, ?, ?, ?, ?, ?)";

	private static final String INSERT_STATION = "INSERT INTO service_station (code, name, station_type, address, "
			+ "hours, phone, services, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ST_GeomFromText(?, 4326))";

	private static final String COPY_ADDRESSES = "COPY address (address, compound, building, households, grid_code, geom) "
			+ "FROM STDIN";

	private static final int BATCH_SIZE = 500;

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.AFTER_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public String getCallbackName() {
		return "gridmap-demo-data";
	}

	@Override
	public void handle(Event event, Context context) {
		try {
			load(context.getConnection());
		}
		catch (SQLException | IOException ex) {
			throw new FlywayException("Loading the demo district failed, nothing was loaded: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Loads the district unless the database holds grids already. Flyway normally runs
	 * this inside its own transaction; on an auto-commit connection it opens one itself.
	 */
	void load(Connection connection) throws SQLException, IOException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			loadUnlessGrids(connection);
			if (autoCommit) {
				connection.commit();
			}
		}
		catch (SQLException | IOException | RuntimeException ex) {
			if (autoCommit) {
				connection.rollback();
			}
			throw ex;
		}
		finally {
			if (autoCommit) {
				connection.setAutoCommit(true);
			}
		}
	}

	private static void loadUnlessGrids(Connection connection) throws SQLException, IOException {
		// Instances started together on one empty database (several behind a proxy): the
		// second waits here until the first commits, then finds its grids. Transaction
		// scoped, so it ends with the load.
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_advisory_xact_lock(hashtextextended('gridmap.demo-data', 0))");
		}
		if (holdsGrids(connection)) {
			logger.info("Demo district not loaded: the database already holds grids");
			return;
		}
		long start = System.nanoTime();
		// Tens of thousands of generated rows: one audit row stands for them
		// (V12__audit.sql).
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT set_config('gridmap.audit', 'summary', true)");
		}
		DemoDistrict district = DemoDistrictGenerator.generate(DemoDistrictGenerator.DEFAULT_SEED);
		insert(connection, district);
		int incidents = DemoIncidentLoader.load(connection, district);
		DemoRoadLoader.load(connection, district);
		try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('gridmap.audit', '', true), "
				+ "gridmap_audit_summary('demo district loaded', 'grid', NULL, jsonb_build_object('grids', ?::int, "
				+ "'addresses', ?::int, 'staff', ?::int, 'incidents', ?::int))")) {
			statement.setInt(1, district.grids().size());
			statement.setInt(2, district.addresses().size());
			statement.setInt(3, district.staff().size());
			statement.setInt(4, incidents);
			statement.execute();
		}
		// Fresh tables have no statistics until autovacuum comes round; without them the
		// first minutes of address searches and lookups get seq-scan plans.
		try (Statement statement = connection.createStatement()) {
			statement.execute("ANALYZE admin_area, grid, grid_staff, address, service_station, matter, department");
		}
		logger
			.info(String.format("Loaded the demo district %s: %d grids, %d addresses, %d staff, %d incidents in %.1f s",
					district.district().name(), district.grids().size(), district.addresses().size(),
					district.staff().size(), incidents, (System.nanoTime() - start) / 1e9));
	}

	private static boolean holdsGrids(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM grid)")) {
			result.next();
			return result.getBoolean(1);
		}
	}

	private static void insert(Connection connection, DemoDistrict district) throws SQLException, IOException {
		try (PreparedStatement statement = connection.prepareStatement(INSERT_AREA)) {
			int rows = 0;
			for (Area area : district.areas()) {
				statement.setString(1, area.level());
				statement.setString(2, area.kind());
				statement.setString(3, area.code());
				statement.setString(4, area.parentCode());
				statement.setString(5, area.name());
				statement.setString(6, area.geometry().toText());
				addBatch(statement, ++rows);
			}
			statement.executeBatch();
		}
		try (PreparedStatement statement = connection.prepareStatement(INSERT_GRID)) {
			int rows = 0;
			for (Grid grid : district.grids()) {
				statement.setString(1, grid.code());
				statement.setString(2, grid.communityCode());
				statement.setString(3, grid.name());
				statement.setString(4, grid.type());
				statement.setInt(5, grid.households());
				statement.setInt(6, grid.population());
				statement.setString(7, grid.hotline());
				statement.setString(8, grid.duties());
				statement.setString(9, grid.geometry().toText());
				addBatch(statement, ++rows);
			}
			statement.executeBatch();
		}
		try (PreparedStatement statement = connection.prepareStatement(INSERT_STAFF)) {
			int rows = 0;
			for (Staff staff : district.staff()) {
				statement.setString(1, staff.gridCode());
				statement.setString(2, staff.role());
				statement.setString(3, staff.name());
				statement.setString(4, staff.phone());
				statement.setString(5, staff.duties());
				statement.setInt(6, staff.sortOrder());
				addBatch(statement, ++rows);
			}
			statement.executeBatch();
		}
		try (PreparedStatement statement = connection.prepareStatement(INSERT_DEPARTMENT)) {
			for (Department department : district.departments()) {
				statement.setString(1, department.code());
				statement.setString(2, department.name());
				statement.setString(3, department.nameEn());
				statement.setString(4, department.hotline());
				statement.addBatch();
			}
			statement.executeBatch();
		}
		try (PreparedStatement statement = connection.prepareStatement(INSERT_MATTER)) {
			for (Matter matter : district.matters()) {
				statement.setString(1, matter.code());
				statement.setString(2, matter.name());
				statement.setString(3, matter.nameEn());
				statement.setString(4, matter.departmentCode());
				statement.setString(5, matter.tier());
				statement.setInt(6, matter.timeLimitHours());
				statement.setString(7, matter.description());
				statement.addBatch();
			}
			statement.executeBatch();
		}
		try (PreparedStatement statement = connection.prepareStatement(INSERT_STATION)) {
			for (Station station : district.stations()) {
				statement.setString(1, station.code());
				statement.setString(2, station.name());
				statement.setString(3, station.type());
				statement.setString(4, station.address());
				statement.setString(5, station.hours());
				statement.setString(6, station.phone());
				statement.setArray(7, connection.createArrayOf("text", station.services().toArray()));
				statement.setString(8, station.location().toText());
				statement.addBatch();
			}
			statement.executeBatch();
		}
		copyAddresses(connection, district);
	}

	private static void addBatch(PreparedStatement statement, int rows) throws SQLException {
		statement.addBatch();
		if (rows % BATCH_SIZE == 0) {
			statement.executeBatch();
		}
	}

	/** COPY in text format: tab-separated, {@code \N} for null, geometry as EWKT. */
	private static void copyAddresses(Connection connection, DemoDistrict district) throws SQLException, IOException {
		StringBuilder rows = new StringBuilder(district.addresses().size() * 120);
		for (Address address : district.addresses()) {
			field(rows, address.address()).append('\t');
			field(rows, address.compound()).append('\t');
			field(rows, address.building()).append('\t');
			rows.append(address.households()).append('\t');
			field(rows, address.gridCode()).append('\t');
			rows.append("SRID=4326;").append(address.location().toText()).append('\n');
		}
		connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_ADDRESSES, new StringReader(rows.toString()));
	}

	/** One text field of a {@code COPY} row, escaped; {@code \N} for null. */
	static StringBuilder field(StringBuilder rows, String value) {
		if (value == null) {
			return rows.append("\\N");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> rows.append("\\\\");
				case '\t' -> rows.append("\\t");
				case '\n' -> rows.append("\\n");
				case '\r' -> rows.append("\\r");
				default -> rows.append(c);
			}
		}
		return rows;
	}

}
