package org.gridmap.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The one database setting, {@code GRIDMAP_DATABASE_URL =
 * postgresql://user:password@host:port/db}, and the R2DBC and JDBC URLs derived from it.
 * Query parameters (e.g. {@code ?sslmode=require}) are passed to both drivers unchanged.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, String query) {

	static final int DEFAULT_PORT = 5432;

	public static DatabaseUrl parse(String url) {
		return parse(url, "GRIDMAP_DATABASE_URL");
	}

	/** Parses a database URL; {@code setting} names it in error messages. */
	public static DatabaseUrl parse(String url, String setting) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException(setting + " is empty");
		}
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(setting + " is not a URL: " + ex.getMessage(), ex);
		}
		if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
			throw new IllegalArgumentException(
					setting + " must start with postgresql://, got " + uri.getScheme() + "://");
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException(setting + " names no host");
		}
		String path = (uri.getPath() != null) ? uri.getPath().replaceFirst("^/", "") : "";
		if (path.isEmpty()) {
			throw new IllegalArgumentException(setting + " names no database");
		}
		String user = null;
		String password = null;
		if (uri.getRawUserInfo() != null) {
			String[] parts = uri.getRawUserInfo().split(":", 2);
			user = decode(parts[0]);
			password = (parts.length > 1) ? decode(parts[1]) : null;
		}
		int port = (uri.getPort() > 0) ? uri.getPort() : DEFAULT_PORT;
		return new DatabaseUrl(uri.getHost(), port, path, user, password, uri.getRawQuery());
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + this.host + ":" + this.port + "/" + this.database + querySuffix();
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.database + querySuffix();
	}

	/** The URL as it may appear in logs: everything but the password. */
	public String redacted() {
		String who = (this.user != null) ? this.user + (this.password != null ? ":***" : "") + "@" : "";
		return "postgresql://" + who + this.host + ":" + this.port + "/" + this.database + querySuffix();
	}

	@Override
	public String toString() {
		return redacted();
	}

	private String querySuffix() {
		return (this.query != null && !this.query.isEmpty()) ? "?" + this.query : "";
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
