package org.gridmap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Loads the SQL fixtures under {@code src/test/resources/fixtures/} (each says how it was
 * made).
 */
public final class Fixtures {

	private Fixtures() {
	}

	public static void load(DatabaseClient db, String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			db.sql(new String(in.readAllBytes(), StandardCharsets.UTF_8)).then().block();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
