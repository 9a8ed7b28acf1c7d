package org.gridmap.incident;

import java.time.OffsetDateTime;

import org.gridmap.database.ReadDatabase;
import org.gridmap.database.SqlScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

/**
 * Reads incidents for the dispatcher: feature pages, one feature, one detail document.
 * The list pages and their count may lag a moment and use the read database (a replica
 * when configured); one feature (the stream's enrichment on NOTIFY), the detail after an
 * action, the tracking status and photos must see the write just made and stay on the
 * primary.
 */
@Component
class IncidentQueries {

	private static final String FEATURES = SqlScript.load(IncidentQueries.class, "features.sql");

	private static final String DETAIL = SqlScript.load(IncidentQueries.class, "detail.sql");

	private static final String TRACK = SqlScript.load(IncidentQueries.class, "track.sql");

	private static final String KEY = SqlScript.load(IncidentQueries.class, "key.sql");

	private final DatabaseClient db;

	private final DatabaseClient lists;

	IncidentQueries(DatabaseClient db, ReadDatabase read) {
		this.db = db;
		this.lists = read.client();
	}

	/**
	 * A page of features; {@code regions} are the caller's code prefixes ({@code null}:
	 * all).
	 */
	Flux<String> features(IncidentFilter filter, String[] regions, OffsetDateTime now) {
		return bind(
				this.lists.sql("SELECT feature FROM (" + FEATURES + ") f ORDER BY id DESC LIMIT :limit OFFSET :offset"),
				filter, regions, now)
			.bind("limit", filter.limit())
			.bind("offset", filter.offset())
			.filter((statement, next) -> next.execute(statement.fetchSize(500)))
			.map((row, meta) -> row.get(0, String.class))
			.all();
	}

	Mono<Long> count(IncidentFilter filter, String[] regions, OffsetDateTime now) {
		return bind(this.lists.sql("SELECT count(*) FROM (" + FEATURES + ") f"), filter, regions, now)
			.map((row, meta) -> row.get(0, Long.class))
			.one();
	}

	/**
	 * One incident as a feature. The outer {@code id =} condition is pushed into the
	 * selection, so the primary key finds it even under a generic plan, where the
	 * selection's optional filters could not use an index.
	 */
	Mono<String> feature(long id) {
		return key(this.db, id, null)
			.flatMap((key) -> bind(this.db.sql("SELECT feature FROM (" + FEATURES + ") f WHERE f.id = :only"),
					IncidentFilter.one(id), null, OffsetDateTime.now())
				.bind("only", id)
				.bind("reportedAt", key.reportedAt())
				.map((row, meta) -> row.get(0, String.class))
				.one());
	}

	/** The detail document and the status it is in. */
	Mono<Detail> detail(long id) {
		return key(this.db, id, null).flatMap((key) -> this.db.sql(DETAIL)
			.bind("id", id)
			.bind("reportedAt", key.reportedAt())
			.map((row, meta) -> new Detail(row.get("doc", String.class), row.get("status", String.class),
					row.get("grid_code", String.class)))
			.one());
	}

	/** The public status document of a report, by its tracking code. */
	Mono<String> track(String trackingCode) {
		return key(this.db, null, trackingCode).flatMap((key) -> this.db.sql(TRACK)
			.bind("id", key.id())
			.bind("reportedAt", key.reportedAt())
			.map((row, meta) -> row.get("doc", String.class))
			.one());
	}

	/**
	 * An incident's id and report time from {@code incident_key}, by id or by tracking
	 * code: bound into a lookup, the report time lets the planner read one monthly
	 * partition (V10). Empty when there is no such incident.
	 */
	static Mono<Key> key(DatabaseClient db, Long id, String trackingCode) {
		GenericExecuteSpec spec = db.sql(KEY);
		spec = (id != null) ? spec.bind("id", id) : spec.bindNull("id", Long.class);
		spec = (trackingCode != null) ? spec.bind("code", trackingCode) : spec.bindNull("code", String.class);
		return spec.map((row, meta) -> new Key(row.get("id", Long.class), row.get("reported_at", OffsetDateTime.class)))
			.first();
	}

	/** An incident's id and the report time that names its partition. */
	record Key(long id, OffsetDateTime reportedAt) {
	}

	Mono<Photo> photo(long incidentId, long photoId) {
		return this.db.sql(
				"SELECT content_type, width, height, bytes FROM incident_photo WHERE id = :photo AND incident_id = :id")
			.bind("photo", photoId)
			.bind("id", incidentId)
			.map((row, meta) -> {
				java.nio.ByteBuffer buffer = row.get("bytes", java.nio.ByteBuffer.class);
				byte[] bytes = new byte[buffer.remaining()];
				buffer.get(bytes);
				return new Photo(row.get("content_type", String.class), row.get("width", Integer.class),
						row.get("height", Integer.class), bytes, bytes);
			})
			.one();
	}

	/** The grid an incident was assigned to; empty when there is no such incident. */
	Mono<java.util.Optional<String>> gridOf(long id) {
		return key(this.db, id, null)
			.flatMap((key) -> this.db.sql("SELECT grid_code FROM incident WHERE id = :id AND reported_at = :reportedAt")
				.bind("id", id)
				.bind("reportedAt", key.reportedAt())
				.map((row, meta) -> java.util.Optional.ofNullable(row.get("grid_code", String.class)))
				.one());
	}

	private static GenericExecuteSpec bind(GenericExecuteSpec spec, IncidentFilter filter, String[] regions,
			OffsetDateTime now) {
		spec = spec.bind("now", now);
		spec = (regions != null) ? spec.bind("regions", regions) : spec.bindNull("regions", String[].class);
		// Only a single feature binds the report time (feature(id)).
		spec = spec.bindNull("reportedAt", OffsetDateTime.class);
		spec = (filter.id() != null) ? spec.bind("id", filter.id()) : spec.bindNull("id", Long.class);
		spec = (filter.from() != null) ? spec.bind("from", filter.from()) : spec.bindNull("from", OffsetDateTime.class);
		spec = (filter.to() != null) ? spec.bind("to", filter.to()) : spec.bindNull("to", OffsetDateTime.class);
		spec = (filter.statuses() != null) ? spec.bind("statuses", filter.statuses())
				: spec.bindNull("statuses", String[].class);
		spec = (filter.matters() != null) ? spec.bind("matters", filter.matters())
				: spec.bindNull("matters", String[].class);
		spec = (filter.departments() != null) ? spec.bind("departments", filter.departments())
				: spec.bindNull("departments", String[].class);
		spec = (filter.grid() != null) ? spec.bind("grid", filter.grid()) : spec.bindNull("grid", String.class);
		spec = (filter.street() != null) ? spec.bind("street", filter.street()) : spec.bindNull("street", String.class);
		spec = (filter.deadlineState() != null) ? spec.bind("deadlineState", filter.deadlineState())
				: spec.bindNull("deadlineState", String.class);
		double[] bbox = filter.bbox();
		String[] names = { "minx", "miny", "maxx", "maxy" };
		for (int i = 0; i < 4; i++) {
			spec = (bbox != null) ? spec.bind(names[i], bbox[i]) : spec.bindNull(names[i], Double.class);
		}
		return spec;
	}

	record Detail(String document, String status, String gridCode) {
	}

}
