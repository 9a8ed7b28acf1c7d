package org.gridmap.incident;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridmap.database.SqlScript;
import org.gridmap.geo.AsOf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Imports historical reports from CSV: every row is checked first, with a report of every
 * bad row and column; only a file without errors is loaded, in one transaction, so a file
 * is either wholly in or not at all. Progress is reported as the rows are checked and
 * staged.
 *
 * <p>
 * Columns (header row, any order): {@code matter, description, lon, lat, reported_at}
 * required; {@code crs, address, status, closed_at, reporter_name, reporter_phone}
 * optional. {@code status} defaults to {@code closed}, which needs {@code closed_at}.
 */
@Component
class IncidentImport {

	static final int MAX_ROWS = 200_000;

	static final int MAX_ERRORS = 1_000;

	/** Rows staged per statement; also the step of progress reports while loading. */
	static final int PORTION = 5_000;

	static final List<String> REQUIRED = List.of("matter", "description", "lon", "lat", "reported_at");

	static final Set<String> KNOWN = Set.of("matter", "description", "lon", "lat", "reported_at", "crs", "address",
			"status", "closed_at", "reporter_name", "reporter_phone");

	/**
	 * gridmap.bulk keeps the audit triggers quiet for the import (V12__audit.sql): one
	 * summary row stands for all its rows.
	 */
	private static final String AUDIT_SUMMARY = "SELECT gridmap_audit_summary('CSV import of historical reports', "
			+ "'incident', NULL, jsonb_build_object('loaded', :loaded::int, 'statedActor', :actor::text))";

	private static final String STAGE = SqlScript.load(IncidentImport.class, "import-stage.sql");

	private static final String ROWS = SqlScript.load(IncidentImport.class, "import-rows.sql");

	private static final String LOAD = SqlScript.load(IncidentImport.class, "import-load.sql");

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final ZoneId zone;

	IncidentImport(DatabaseClient db, ReactiveTransactionManager transactions,
			@Value("${gridmap.time-zone}") ZoneId zone) {
		this.db = db;
		this.transaction = TransactionalOperator.create(transactions);
		this.zone = zone;
	}

	/**
	 * Progress reports, the last of which says done (with the count) or failed (with
	 * errors).
	 */
	Flux<Progress> run(String csv, String actor) {
		long started = System.nanoTime();
		return this.db.sql("SELECT code FROM matter")
			.map((row, meta) -> row.get(0, String.class))
			.all()
			.collect(HashSet<String>::new, Set::add)
			.flatMapMany((matters) -> {
				Checked checked = check(csv, matters);
				Progress read = new Progress("checked", checked.rows().size() + checked.errors().size(), 0,
						checked.errors(), seconds(started));
				if (!checked.errors().isEmpty()) {
					return Flux.just(read, read.as("failed"));
				}
				return Flux.concat(Mono.just(read), load(checked.rows(), actor, started));
			});
	}

	private Flux<Progress> load(List<Row> rows, String actor, long started) {
		List<List<Row>> portions = new ArrayList<>();
		for (int i = 0; i < rows.size(); i += PORTION) {
			portions.add(rows.subList(i, Math.min(rows.size(), i + PORTION)));
		}
		int[] staged = { 0 };
		Flux<Progress> work = this.db.sql("SET LOCAL gridmap.bulk = 'on'")
			.then()
			.then(this.db.sql(STAGE).then())
			.thenMany(Flux.fromIterable(portions).concatMap((portion) -> stage(portion).then(Mono.fromSupplier(() -> {
				staged[0] += portion.size();
				return new Progress("staging", rows.size(), staged[0], List.of(), seconds(started));
			}))))
			.concatWith(this.db.sql(LOAD)
				.bind("actor", actor)
				.fetch()
				.rowsUpdated()
				.flatMap((loaded) -> ((actor != null) ? this.db.sql(AUDIT_SUMMARY).bind("actor", actor)
						: this.db.sql(AUDIT_SUMMARY).bindNull("actor", String.class))
					.bind("loaded", loaded)
					.then()
					.thenReturn(new Progress("done", rows.size(), loaded, List.of(), seconds(started)))));
		return this.transaction.transactional(work);
	}

	private Mono<Void> stage(List<Row> portion) {
		int n = portion.size();
		Integer[] ord = new Integer[n];
		String[] code = new String[n];
		String[] matter = new String[n];
		String[] description = new String[n];
		String[] address = new String[n];
		String[] status = new String[n];
		OffsetDateTime[] reported = new OffsetDateTime[n];
		OffsetDateTime[] closed = new OffsetDateTime[n];
		Double[] lon = new Double[n];
		Double[] lat = new Double[n];
		String[] name = new String[n];
		String[] phone = new String[n];
		for (int i = 0; i < n; i++) {
			Row row = portion.get(i);
			ord[i] = row.line();
			code[i] = row.trackingCode();
			matter[i] = row.report().matter();
			description[i] = row.report().description();
			address[i] = row.report().address();
			status[i] = row.status();
			reported[i] = row.report().reportedAt();
			closed[i] = row.closedAt();
			lon[i] = row.report().lon();
			lat[i] = row.report().lat();
			name[i] = row.report().reporterName();
			phone[i] = row.report().reporterPhone();
		}
		return this.db.sql(ROWS)
			.bind("ord", ord)
			.bind("trackingCode", code)
			.bind("matter", matter)
			.bind("description", description)
			.bind("address", address)
			.bind("status", status)
			.bind("reportedAt", reported)
			.bind("closedAt", closed)
			.bind("lon", lon)
			.bind("lat", lat)
			.bind("reporterName", name)
			.bind("reporterPhone", phone)
			.then();
	}

	private Checked check(String csv, Set<String> matters) {
		List<RowError> errors = new ArrayList<>();
		List<Row> rows = new ArrayList<>();
		List<List<String>> records;
		try {
			records = CsvRows.parse(csv);
		}
		catch (IllegalArgumentException ex) {
			return new Checked(rows, List.of(new RowError(0, null, ex.getMessage())));
		}
		if (records.isEmpty()) {
			return new Checked(rows, List.of(new RowError(1, null, "The file is empty; it needs a header row")));
		}
		Map<String, Integer> columns = new HashMap<>();
		List<String> header = records.get(0);
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).strip().toLowerCase();
			if (!KNOWN.contains(name)) {
				errors.add(new RowError(1, name,
						"Unknown column; columns are " + String.join(", ", KNOWN.stream().sorted().toList())));
			}
			if (columns.put(name, i) != null) {
				errors.add(new RowError(1, name, "Column given twice"));
			}
		}
		for (String required : REQUIRED) {
			if (!columns.containsKey(required)) {
				errors.add(new RowError(1, required, "Required column missing"));
			}
		}
		if (records.size() - 1 > MAX_ROWS) {
			errors.add(new RowError(0, null, "At most " + MAX_ROWS + " rows per file; split it"));
		}
		if (!errors.isEmpty()) {
			return new Checked(rows, errors);
		}
		Set<String> codes = new HashSet<>();
		for (int r = 1; r < records.size() && errors.size() < MAX_ERRORS; r++) {
			List<String> record = records.get(r);
			int line = r + 1;
			if (record.size() != header.size()) {
				errors
					.add(new RowError(line, null, "Has " + record.size() + " fields; the header has " + header.size()));
				continue;
			}
			try {
				rows.add(row(line, record, columns, matters, codes));
			}
			catch (IncidentProblem ex) {
				Object parameter = ex.getBody().getProperties() != null ? ex.getBody().getProperties().get("parameter")
						: null;
				errors.add(new RowError(line, (parameter != null) ? column(parameter.toString()) : null,
						ex.getBody().getDetail()));
			}
		}
		return new Checked(rows, errors);
	}

	private Row row(int line, List<String> record, Map<String, Integer> columns, Set<String> matters,
			Set<String> codes) {
		OffsetDateTime reportedAt = time(field(record, columns, "reported_at"), "reportedAt");
		if (reportedAt == null) {
			throw IncidentProblem.invalid("reportedAt", "'reported_at' is required");
		}
		NewReport report = new NewReport(field(record, columns, "matter"), field(record, columns, "description"),
				number(field(record, columns, "lon"), "lon"), number(field(record, columns, "lat"), "lat"),
				field(record, columns, "crs"), field(record, columns, "address"), "import",
				field(record, columns, "reporter_name"), field(record, columns, "reporter_phone"), null, reportedAt);
		NewReport.Checked checked = report.checked();
		if (!matters.contains(checked.matter())) {
			throw IncidentProblem.invalid("matter",
					"Unknown matter '" + IncidentProblem.abbreviate(checked.matter()) + "'");
		}
		String status = field(record, columns, "status");
		status = (status == null) ? "closed" : status;
		if (!IncidentFilter.STATUSES.contains(status)) {
			throw IncidentProblem.invalid("status", "Unknown status '" + IncidentProblem.abbreviate(status) + "'");
		}
		OffsetDateTime closedAt = time(field(record, columns, "closed_at"), "closedAt");
		if ("closed".equals(status) && closedAt == null) {
			throw IncidentProblem.invalid("closedAt", "A closed report needs 'closed_at'");
		}
		if (closedAt != null && !closedAt.isAfter(reportedAt)) {
			throw IncidentProblem.invalid("closedAt", "'closed_at' must be after 'reported_at'");
		}
		String code;
		do {
			code = IncidentIntake.trackingCode(reportedAt, this.zone);
		}
		while (!codes.add(code));
		return new Row(line, code, checked, status, "closed".equals(status) ? closedAt : null);
	}

	private OffsetDateTime time(String value, String parameter) {
		try {
			return (value == null) ? null : AsOf.parse(value, this.zone);
		}
		catch (IllegalArgumentException ex) {
			throw IncidentProblem.invalid(parameter, ex.getMessage());
		}
	}

	private static Double number(String value, String parameter) {
		if (value == null) {
			return null;
		}
		try {
			return Double.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw IncidentProblem.invalid(parameter,
					"'" + parameter + "' must be a number, got '" + IncidentProblem.abbreviate(value) + "'");
		}
	}

	private static String field(List<String> record, Map<String, Integer> columns, String name) {
		Integer index = columns.get(name);
		if (index == null) {
			return null;
		}
		String value = record.get(index).strip();
		return value.isEmpty() ? null : value;
	}

	/** The CSV column a report parameter came from. */
	private static String column(String parameter) {
		return switch (parameter) {
			case "reportedAt" -> "reported_at";
			case "closedAt" -> "closed_at";
			case "reporterName" -> "reporter_name";
			case "reporterPhone" -> "reporter_phone";
			default -> parameter;
		};
	}

	private static double seconds(long started) {
		return Math.round((System.nanoTime() - started) / 1e6) / 1e3;
	}

	record Row(int line, String trackingCode, NewReport.Checked report, String status, OffsetDateTime closedAt) {
	}

	record RowError(int line, String column, String message) {
	}

	private record Checked(List<Row> rows, List<RowError> errors) {
	}

	/** Where an import stands: checked, staging, done or failed. */
	record Progress(String phase, int rows, long loaded, List<RowError> errors, double seconds) {

		Progress as(String phase) {
			return new Progress(phase, this.rows, this.loaded, this.errors, this.seconds);
		}

	}

}
