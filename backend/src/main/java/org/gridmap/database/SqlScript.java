package org.gridmap.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a feature's SQL from the {@code .sql} file next to it on the class path (for
 * {@code org.gridmap.lookup.LookupRepository}, {@code org/gridmap/lookup/NAME}), so
 * queries stay readable SQL with their explaining comments rather than Java string
 * literals.
 */
public final class SqlScript {

	private SqlScript() {
	}

	public static String load(Class<?> owner, String name) {
		try (InputStream in = owner.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("No SQL file " + name + " next to " + owner.getName());
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
