package org.gridmap.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.gridmap.database.SqlScript;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit}: the audit log for admins, newest first, filtered by
 * {@code from}/{@code to} (ISO date, midnight in {@code GRIDMAP_TIME_ZONE}, or date-time
 * with offset; {@code [from, to)}), {@code actor}, {@code table} and {@code key}, paged
 * by {@code limit} (default 100, at most 1,000) and {@code offset}. Read on the primary:
 * an admin checking a write just made must see it. Who may call it is the security
 * configuration's to say (admins only).
 */
@RestController
class AuditController {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	static final int MAX_OFFSET = 1_000_000;

	private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private static final String ENTRIES = SqlScript.load(AuditController.class, "entries.sql");

	private final DatabaseClient db;

	private final ZoneId zone;

	AuditController(DatabaseClient db, @Value("${gridmap.time-zone}") ZoneId zone) {
		this.db = db;
		this.zone = zone;
	}

	@GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> entries(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String table,
			@RequestParam(required = false) String key, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String offset) {
		OffsetDateTime start = instant("from", from);
		OffsetDateTime end = instant("to", to);
		if (start != null && end != null && !start.isBefore(end)) {
			throw AuditProblem.invalid("to", "'to' must be after 'from'.");
		}
		if (table != null && !NAME.matcher(table).matches()) {
			throw AuditProblem.invalid("table", "'table' is a table name such as incident or grid_staff.");
		}
		text("actor", actor, AuditRequest.MAX_ACTOR);
		text("key", key, 200);
		int pageSize = number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
		int skip = number("offset", offset, 0, 0, MAX_OFFSET);
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(ENTRIES);
		spec = (start != null) ? spec.bind("from", start) : spec.bindNull("from", OffsetDateTime.class);
		spec = (end != null) ? spec.bind("to", end) : spec.bindNull("to", OffsetDateTime.class);
		spec = (actor != null) ? spec.bind("actor", actor) : spec.bindNull("actor", String.class);
		spec = (table != null) ? spec.bind("table", table) : spec.bindNull("table", String.class);
		spec = (key != null) ? spec.bind("key", key) : spec.bindNull("key", String.class);
		return spec.bind("limit", pageSize)
			.bind("offset", skip)
			.map((row, meta) -> page(row.get("entries", String.class), row.get("more", Boolean.class), pageSize, skip))
			.one();
	}

	/** The page as {@code {"entries": [...], "limit", "offset", "next"}}. */
	private static String page(String entries, boolean more, int limit, int offset) {
		String next = more ? "\"offset=" + (offset + limit) + "&limit=" + limit + "\"" : "null";
		return "{\"entries\":" + entries + ",\"limit\":" + limit + ",\"offset\":" + offset + ",\"next\":" + next + "}";
	}

	private OffsetDateTime instant(String parameter, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			if (text.length() == 10) {
				return LocalDate.parse(text).atStartOfDay(this.zone).toOffsetDateTime();
			}
			return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw AuditProblem.invalid(parameter, "'" + parameter
					+ "' is an ISO date (2026-05-01) or date-time with offset (2026-05-01T08:00:00+08:00).");
		}
	}

	private static void text(String parameter, String value, int max) {
		if (value != null && (value.isEmpty() || value.length() > max)) {
			throw AuditProblem.invalid(parameter, "'" + parameter + "' must have 1 to " + max + " characters.");
		}
	}

	private static int number(String parameter, String text, int fallback, int min, int max) {
		if (text == null) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text);
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw AuditProblem.invalid(parameter, "'" + parameter + "' is a whole number from " + min + " to " + max + ".");
	}

}
