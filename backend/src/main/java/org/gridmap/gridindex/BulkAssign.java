package org.gridmap.gridindex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import org.gridmap.database.DatabaseUrl;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Assigns many points (addresses, incidents) to the grids valid now, end to end: reads
 * them out of PostGIS with a binary {@code COPY}, finds each one's grid in the in-memory
 * index (the same rule as {@code gridmap_lookup()}, lowest code on shared edges), writes
 * the codes back with a binary {@code COPY} into a temporary table and one
 * {@code UPDATE … FROM} joined on the id, in one transaction. Only rows whose code
 * changes are written. {@code --bbox} limits the work to the area a publish changed.
 *
 * <p>
 * Run from the service jar:
 * {@code java -cp gridmap.jar -Dloader.main=org.gridmap.gridindex.BulkAssign org.springframework.boot.loader.launch.PropertiesLauncher --table address}
 * (options: {@code --url postgresql://…} (default GRIDMAP_DATABASE_URL), {@code --table},
 * {@code --id id}, {@code --geom geom}, {@code --column grid_code},
 * {@code --bbox minLon,minLat,maxLon,maxLat}). Prints one line of JSON with the timings.
 * Table and column names must be plain identifiers.
 */
public final class BulkAssign {

	private static final byte[] COPY_SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

	private BulkAssign() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String url = options.getOrDefault("url", System.getenv("GRIDMAP_DATABASE_URL"));
		DatabaseUrl database = DatabaseUrl.parse(url);
		Properties properties = new Properties();
		if (database.user() != null) {
			properties.setProperty("user", database.user());
		}
		if (database.password() != null) {
			properties.setProperty("password", database.password());
		}
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties)) {
			Map<String, Object> report = run(connection, identifier(options.getOrDefault("table", "address")),
					identifier(options.getOrDefault("id", "id")), identifier(options.getOrDefault("geom", "geom")),
					identifier(options.getOrDefault("column", "grid_code")), bbox(options.get("bbox")));
			StringBuilder out = new StringBuilder("{");
			report.forEach((key, value) -> out.append(out.length() > 1 ? "," : "")
				.append('"')
				.append(key)
				.append("\":")
				.append(value));
			System.out.println(out.append('}'));
		}
	}

	/**
	 * Assigns and writes back in one transaction; returns the timings in ms and counts.
	 */
	static Map<String, Object> run(Connection connection, String table, String id, String geom, String column,
			double[] bbox) throws SQLException, IOException {
		Map<String, Object> report = new LinkedHashMap<>();
		long start = System.nanoTime();
		connection.setAutoCommit(false);
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();

		GridIndex index = loadGrids(connection);
		long t1 = System.nanoTime();
		report.put("grids", index.size());
		report.put("indexMs", ms(t1 - start));

		String where = (bbox != null) ? " WHERE " + geom + " && ST_MakeEnvelope(" + bbox[0] + "," + bbox[1] + ","
				+ bbox[2] + "," + bbox[3] + ", 4326)" : "";
		ByteArrayOutputStream raw = new ByteArrayOutputStream(1 << 20);
		copy.copyOut("COPY (SELECT " + id + ", ST_X(" + geom + "), ST_Y(" + geom + ") FROM " + table + where
				+ ") TO STDOUT (FORMAT binary)", raw);
		Points points = Points.read(ByteBuffer.wrap(raw.toByteArray()));
		raw = null;
		long t2 = System.nanoTime();
		report.put("points", points.size);
		report.put("readMs", ms(t2 - t1));

		int[] slots = new int[points.size];
		IntStream.range(0, points.size)
			.parallel()
			.forEach((i) -> slots[i] = index.locate(points.lons[i], points.lats[i]));
		long t3 = System.nanoTime();
		report.put("assignMs", ms(t3 - t2));

		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TEMPORARY TABLE bulk_assign (id bigint NOT NULL, code text) ON COMMIT DROP");
		}
		copy.copyIn("COPY bulk_assign (id, code) FROM STDIN (FORMAT binary)",
				new ByteArrayInputStream(encode(points.ids, slots, index)));
		long t4 = System.nanoTime();
		report.put("copyInMs", ms(t4 - t3));

		int updated;
		try (Statement statement = connection.createStatement()) {
			statement.execute("ANALYZE bulk_assign");
			// One audit row for the whole run, not one per row moved (V12__audit.sql).
			statement.execute("SELECT set_config('gridmap.audit', 'summary', true)");
			updated = statement.executeUpdate("UPDATE " + table + " t SET " + column + " = b.code FROM bulk_assign b"
					+ " WHERE t." + id + " = b.id AND t." + column + " IS DISTINCT FROM b.code");
			statement.execute("SELECT set_config('gridmap.audit', '', true)");
		}
		try (PreparedStatement summary = connection
			.prepareStatement("SELECT gridmap_audit_summary(?, ?, NULL, jsonb_build_object('column', ?::text, "
					+ "'points', ?::int, 'updated', ?::int, 'bbox', ?::text))")) {
			summary.setString(1, "bulk reassignment to the grids valid now");
			summary.setString(2, table);
			summary.setString(3, column);
			summary.setInt(4, points.size);
			summary.setInt(5, updated);
			summary.setString(6, (bbox != null) ? Arrays.toString(bbox) : null);
			summary.execute();
		}
		connection.commit();
		long t5 = System.nanoTime();
		report.put("updated", updated);
		report.put("updateMs", ms(t5 - t4));
		report.put("totalMs", ms(t5 - start));
		return report;
	}

	/** The grids valid now, geometry only: no documents, no stations. */
	private static GridIndex loadGrids(Connection connection) throws SQLException {
		List<GridIndex.Grid> grids = new ArrayList<>();
		WKBReader reader = new WKBReader();
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT code, ST_AsBinary(geom) FROM grid WHERE valid_from <= now() AND valid_to > now() ORDER BY code");
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				grids.add(new GridIndex.Grid(rows.getString(1), reader.read(rows.getBytes(2)), null));
			}
		}
		catch (ParseException ex) {
			throw new SQLException("Unreadable grid geometry: " + ex.getMessage(), ex);
		}
		return GridIndex.build(Instant.now(), null, grids, List.of());
	}

	/**
	 * Rows of (id bigint, code text) in PostgreSQL's binary COPY format, one per slot.
	 */
	static byte[] encode(long[] ids, int[] slots, GridIndex index) throws IOException {
		byte[][] codes = new byte[index.size()][];
		for (int s = 0; s < codes.length; s++) {
			codes[s] = index.code(s).getBytes(StandardCharsets.UTF_8);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(slots.length * 40 + 32);
		DataOutputStream out = new DataOutputStream(bytes);
		out.write(COPY_SIGNATURE);
		out.writeInt(0);
		out.writeInt(0);
		for (int i = 0; i < slots.length; i++) {
			out.writeShort(2);
			out.writeInt(8);
			out.writeLong(ids[i]);
			if (slots[i] < 0) {
				out.writeInt(-1);
			}
			else {
				out.writeInt(codes[slots[i]].length);
				out.write(codes[slots[i]]);
			}
		}
		out.writeShort(-1);
		out.flush();
		return bytes.toByteArray();
	}

	/** Points read from a binary COPY of (id bigint, x float8, y float8). */
	static final class Points {

		long[] ids = new long[1024];

		double[] lons = new double[1024];

		double[] lats = new double[1024];

		int size;

		static Points read(ByteBuffer in) {
			Points points = new Points();
			byte[] signature = new byte[COPY_SIGNATURE.length];
			in.get(signature);
			if (!java.util.Arrays.equals(signature, COPY_SIGNATURE)) {
				throw new IllegalStateException("Not a binary COPY stream");
			}
			in.getInt();
			int extension = in.getInt();
			in.position(in.position() + extension);
			while (true) {
				short fields = in.getShort();
				if (fields == -1) {
					return points;
				}
				if (fields != 3) {
					throw new IllegalStateException("Expected 3 fields per row, got " + fields);
				}
				long id = (in.getInt() == 8) ? in.getLong() : fail("a null or non-bigint id");
				double x = (in.getInt() == 8) ? in.getDouble() : fail("a null point");
				double y = (in.getInt() == 8) ? in.getDouble() : fail("a null point");
				points.add(id, x, y);
			}
		}

		private static long fail(String what) {
			throw new IllegalStateException("Bulk assignment met " + what);
		}

		private void add(long id, double x, double y) {
			if (this.size == this.ids.length) {
				this.ids = java.util.Arrays.copyOf(this.ids, this.size * 2);
				this.lons = java.util.Arrays.copyOf(this.lons, this.size * 2);
				this.lats = java.util.Arrays.copyOf(this.lats, this.size * 2);
			}
			this.ids[this.size] = id;
			this.lons[this.size] = x;
			this.lats[this.size] = y;
			this.size++;
		}

	}

	private static long ms(long nanos) {
		return nanos / 1_000_000;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Options are --name value pairs, got " + args[i]);
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}

	private static String identifier(String name) {
		if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException("Not a plain identifier: " + name);
		}
		return name;
	}

	private static double[] bbox(String text) {
		if (text == null) {
			return null;
		}
		String[] parts = text.split(",");
		if (parts.length != 4) {
			throw new IllegalArgumentException("--bbox takes minLon,minLat,maxLon,maxLat");
		}
		double[] box = new double[4];
		for (int k = 0; k < 4; k++) {
			box[k] = Double.parseDouble(parts[k].trim());
			if (!Double.isFinite(box[k])) {
				throw new IllegalArgumentException("--bbox values must be finite numbers");
			}
		}
		return box;
	}

}
