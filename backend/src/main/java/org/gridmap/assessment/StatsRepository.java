package org.gridmap.assessment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.gridmap.database.ReadDatabase;
import org.gridmap.database.SqlScript;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Runs the assessment SQL (stats.sql, series.sql) with bound values and reads its rows.
 * Each runs in a read-only transaction with PostgreSQL's JIT compiler off: the queries'
 * many aggregate expressions made it compile for 4.9 s of a 6.3 s departments-per-year
 * query on the demo data, to run the same plan in 1.4 s.
 */
@Repository
class StatsRepository {

	private static final String STATS = SqlScript.load(StatsRepository.class, "stats.sql");

	private static final String SERIES = SqlScript.load(StatsRepository.class, "series.sql");

	private static final String NO_JIT = "SET LOCAL jit = off";

	private final DatabaseClient db;

	private final TransactionalOperator readOnly;

	StatsRepository(ReadDatabase read) {
		this.db = read.client();
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setReadOnly(true);
		this.readOnly = TransactionalOperator.create(read.transactions(), definition);
	}

	/** A unit with its figures for the period and the previous one; unit null: total. */
	record Figures(Unit unit, Measures current, Measures previous) {
	}

	/** The units' rows by code, then the total. */
	Mono<List<Figures>> figures(Grouping grouping, Period period, String street, String community) {
		GenericExecuteSpec spec = this.db.sql(STATS)
			.bind("grouping", grouping.path())
			.bind("from", period.from())
			.bind("to", period.to())
			.bind("previousFrom", period.previousFrom())
			.bind("now", period.now());
		spec = (street != null) ? spec.bind("street", street) : spec.bindNull("street", String.class);
		spec = (community != null) ? spec.bind("community", community) : spec.bindNull("community", String.class);
		boolean departments = grouping == Grouping.DEPARTMENTS;
		Mono<List<Figures>> rows = spec.map((row, meta) -> {
			boolean total = Boolean.TRUE.equals(row.get("total", Boolean.class));
			Unit unit = total ? null
					: new Unit(row.get("code", String.class), row.get("name", String.class),
							row.get("name_en", String.class), row.get("kind", String.class),
							row.get("grid_code", String.class), row.get("grid_name", String.class),
							row.get("community_code", String.class), row.get("community_name", String.class),
							row.get("street_code", String.class), row.get("street_name", String.class));
			return new Figures(unit, measures(row, "", departments), measures(row, "p_", departments));
		}).all().collectList();
		return this.db.sql(NO_JIT).then().then(rows).as(this.readOnly::transactional);
	}

	private static Measures measures(Readable row, String prefix, boolean departments) {
		return Measures.of(count(row, prefix + "reports"), count(row, prefix + "rejected"),
				count(row, prefix + "registered"), count(row, prefix + "closed"), count(row, prefix + "due"),
				count(row, prefix + "on_time"), row.get(prefix + "median_hours", Double.class),
				count(row, prefix + "ever_closed"), count(row, prefix + "reopened"), count(row, prefix + "rated"),
				row.get(prefix + "mean_rating", Double.class), count(row, prefix + "satisfied"),
				departments ? count(row, prefix + "dispatched") : null,
				departments ? row.get(prefix + "median_response_hours", Double.class) : null);
	}

	private static long count(Readable row, String column) {
		Long value = row.get(column, Long.class);
		return (value != null) ? value : 0;
	}

	/**
	 * One line of a time series: a matter, department or channel and its reports per
	 * bucket.
	 */
	record Line(String key, String name, String nameEn, long total, long[] counts) {
	}

	/** Buckets (their first local day) and one line per key, most reports first. */
	record Series(List<LocalDate> buckets, List<Line> lines) {
	}

	Mono<Series> series(String interval, String by, OffsetDateTime from, OffsetDateTime to, ZoneId zone, String street,
			String community) {
		GenericExecuteSpec spec = this.db.sql(SERIES)
			.bind("interval", interval)
			.bind("by", by)
			.bind("from", from)
			.bind("to", to)
			.bind("zone", zone.getId());
		spec = (street != null) ? spec.bind("street", street) : spec.bindNull("street", String.class);
		spec = (community != null) ? spec.bind("community", community) : spec.bindNull("community", String.class);
		Mono<List<Point>> points = spec
			.map((row, meta) -> new Point(row.get("bucket", LocalDate.class), row.get("key", String.class),
					row.get("name", String.class), row.get("name_en", String.class), count(row, "reports")))
			.all()
			.collectList();
		return this.db.sql(NO_JIT).then().then(points).as(this.readOnly::transactional).map(StatsRepository::lines);
	}

	private record Point(LocalDate bucket, String key, String name, String nameEn, long reports) {
	}

	private static Series lines(List<Point> points) {
		List<LocalDate> buckets = new ArrayList<>();
		for (Point point : points) {
			if (buckets.isEmpty() || !buckets.get(buckets.size() - 1).equals(point.bucket())) {
				buckets.add(point.bucket());
			}
		}
		Map<String, long[]> counts = new LinkedHashMap<>();
		Map<String, Point> names = new LinkedHashMap<>();
		int index = -1;
		LocalDate current = null;
		for (Point point : points) {
			if (!point.bucket().equals(current)) {
				current = point.bucket();
				index++;
			}
			if (point.key() != null) {
				counts.computeIfAbsent(point.key(), (k) -> new long[buckets.size()])[index] += point.reports();
				names.putIfAbsent(point.key(), point);
			}
		}
		List<Line> lines = new ArrayList<>();
		counts.forEach((key, values) -> {
			Point named = names.get(key);
			long total = 0;
			for (long value : values) {
				total += value;
			}
			lines.add(new Line(key, named.name(), named.nameEn(), total, values));
		});
		lines
			.sort((a, b) -> (a.total() != b.total()) ? Long.compare(b.total(), a.total()) : a.key().compareTo(b.key()));
		return new Series(List.copyOf(buckets), List.copyOf(lines));
	}

}
