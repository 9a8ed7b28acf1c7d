package org.gridmap.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY … FROM STDIN} in text format, written row by row through a 1 MiB buffer
 * straight into the connection, so millions of rows never sit in memory as one string.
 * Geometry goes as hex EWKB, which PostGIS reads without parsing text.
 */
final class CopyStream implements AutoCloseable {

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	/** EWKB header of a little-endian point with SRID 4326. */
	private static final byte[] POINT_4326 = "0101000020E6100000".getBytes(StandardCharsets.US_ASCII);

	private final CopyIn copy;

	private final byte[] buffer = new byte[1 << 20];

	private final ByteBuffer number = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

	private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);

	private int length;

	private boolean fieldStarted;

	CopyStream(Connection connection, String sql) throws SQLException {
		this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
	}

	/** A text field, escaped; {@code \N} for null. */
	CopyStream text(String value) throws SQLException {
		separate();
		if (value == null) {
			return raw("\\N");
		}
		// Multi-byte UTF-8 sequences never contain ASCII bytes, so escaping bytewise is
		// safe.
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			switch (b) {
				case '\\' -> put((byte) '\\').put((byte) '\\');
				case '\t' -> put((byte) '\\').put((byte) 't');
				case '\n' -> put((byte) '\\').put((byte) 'n');
				case '\r' -> put((byte) '\\').put((byte) 'r');
				default -> put(b);
			}
		}
		return this;
	}

	CopyStream number(long value) throws SQLException {
		separate();
		return raw(Long.toString(value));
	}

	CopyStream number(Integer value) throws SQLException {
		separate();
		return raw((value != null) ? value.toString() : "\\N");
	}

	/**
	 * ISO 8601 in UTC, which {@code timestamptz} reads whatever the session time zone.
	 */
	CopyStream instant(Instant value) throws SQLException {
		separate();
		return raw((value != null) ? value.toString() : "\\N");
	}

	CopyStream textArray(Iterable<String> values) throws SQLException {
		StringBuilder array = new StringBuilder("{");
		for (String value : values) {
			array.append((array.length() > 1) ? "," : "")
				.append('"')
				.append(value.replace("\\", "\\\\").replace("\"", "\\\""))
				.append('"');
		}
		return text(array.append('}').toString());
	}

	/** A geometry with its SRID, as hex EWKB. */
	CopyStream geometry(Geometry value) throws SQLException {
		separate();
		for (byte b : this.wkb.write(value)) {
			hex(b);
		}
		return this;
	}

	/** A WGS 84 point, as hex EWKB. */
	CopyStream point(double lon, double lat) throws SQLException {
		separate();
		for (byte b : POINT_4326) {
			put(b);
		}
		return coordinate(lon).coordinate(lat);
	}

	CopyStream endRow() throws SQLException {
		this.fieldStarted = false;
		return put((byte) '\n');
	}

	/** Ends the COPY. */
	long finish() throws SQLException {
		flush();
		return this.copy.endCopy();
	}

	@Override
	public void close() throws SQLException {
		if (this.copy.isActive()) {
			this.copy.cancelCopy();
		}
	}

	private CopyStream coordinate(double value) throws SQLException {
		this.number.putDouble(0, value);
		for (int i = 0; i < 8; i++) {
			hex(this.number.get(i));
		}
		return this;
	}

	private void separate() throws SQLException {
		if (this.fieldStarted) {
			put((byte) '\t');
		}
		this.fieldStarted = true;
	}

	private CopyStream raw(String ascii) throws SQLException {
		for (int i = 0; i < ascii.length(); i++) {
			put((byte) ascii.charAt(i));
		}
		return this;
	}

	private void hex(byte b) throws SQLException {
		put(HEX[(b >> 4) & 0xF]);
		put(HEX[b & 0xF]);
	}

	private CopyStream put(byte b) throws SQLException {
		if (this.length == this.buffer.length) {
			flush();
		}
		this.buffer[this.length++] = b;
		return this;
	}

	private void flush() throws SQLException {
		if (this.length > 0) {
			this.copy.writeToCopy(this.buffer, 0, this.length);
			this.length = 0;
		}
	}

}
