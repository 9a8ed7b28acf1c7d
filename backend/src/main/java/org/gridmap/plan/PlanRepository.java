package org.gridmap.plan;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.gridmap.database.SqlScript;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

/**
 * The plan tables and what plans read from the grid tables, one SQL file per query (next
 * to this class). Geometry travels as WKB in both directions, so JTS sees exactly what is
 * stored.
 */
@Component
class PlanRepository {

	private static final String PLANS = SqlScript.load(PlanRepository.class, "plans.sql");

	private static final String PLAN_INSERT = SqlScript.load(PlanRepository.class, "plan-insert.sql");

	private static final String PLAN_BUMP = SqlScript.load(PlanRepository.class, "plan-bump.sql");

	private static final String CHANGES = SqlScript.load(PlanRepository.class, "changes.sql");

	private static final String CHANGE_INSERT = SqlScript.load(PlanRepository.class, "change-insert.sql");

	private static final String PARENT = SqlScript.load(PlanRepository.class, "parent.sql");

	private static final String SCOPE = SqlScript.load(PlanRepository.class, "scope.sql");

	private static final String BASE_GRIDS = SqlScript.load(PlanRepository.class, "base-grids.sql");

	private static final String ADDRESSES = SqlScript.load(PlanRepository.class, "addresses.sql");

	private static final String ADDRESS_TEXTS = SqlScript.load(PlanRepository.class, "address-texts.sql");

	private static final String INCIDENTS = SqlScript.load(PlanRepository.class, "incidents.sql");

	private static final String SEQUENCES = SqlScript.load(PlanRepository.class, "sequences.sql");

	private static final String CODE_HISTORY = SqlScript.load(PlanRepository.class, "code-history.sql");

	private final DatabaseClient db;

	private final JsonMapper json = JsonMapper.builder().build();

	PlanRepository(DatabaseClient db) {
		this.db = db;
	}

	DatabaseClient db() {
		return this.db;
	}

	/** A parent area a plan may name. */
	record Parent(String code, String level, String kind, String name) {
	}

	/** An entry of a plan's log as stored. */
	record Entry(int seq, String kind, String author, Instant at, String note, List<String> grids, String baseVersions,
			String body) {
	}

	Mono<Plan> plan(long id) {
		return plans(id, null, null).next();
	}

	Flux<Plan> plans(Long id, String status, String parent) {
		GenericExecuteSpec spec = this.db.sql(PLANS);
		spec = (id != null) ? spec.bind("id", id) : spec.bindNull("id", Long.class);
		spec = (status != null) ? spec.bind("status", status) : spec.bindNull("status", String.class);
		spec = (parent != null) ? spec.bind("parent", parent) : spec.bindNull("parent", String.class);
		return spec
			.map((row, meta) -> new Plan(row.get("id", Long.class), row.get("name", String.class),
					row.get("parent_code", String.class), row.get("parent_level", String.class),
					row.get("parent_kind", String.class), row.get("parent_name", String.class),
					row.get("effective_date", LocalDate.class), row.get("status", String.class),
					row.get("version", Integer.class), row.get("changes", Long.class).intValue(),
					row.get("created_by", String.class), instant(row, "created_at"),
					row.get("updated_by", String.class), instant(row, "updated_at"),
					row.get("published_by", String.class), instant(row, "published_at"), instant(row, "effective_at"),
					instant(row, "applied_at"), row.get("discarded_by", String.class), instant(row, "discarded_at")))
			.all();
	}

	/** Locks the plan row for the rest of the transaction; empty when there is none. */
	Mono<Long> lock(long id) {
		return this.db.sql("SELECT id FROM plan WHERE id = :id FOR UPDATE")
			.bind("id", id)
			.map((row, meta) -> row.get(0, Long.class))
			.one();
	}

	Mono<Long> insert(String name, String parent, LocalDate effective, String author, String body) {
		return this.db.sql(PLAN_INSERT)
			.bind("name", name)
			.bind("parent", parent)
			.bind("effectiveDate", effective)
			.bind("author", author)
			.bind("body", body)
			.map((row, meta) -> row.get(0, Long.class))
			.one();
	}

	Mono<Void> bump(long id, String author, String name, LocalDate effective) {
		GenericExecuteSpec spec = this.db.sql(PLAN_BUMP).bind("id", id).bind("author", author);
		spec = (name != null) ? spec.bind("name", name) : spec.bindNull("name", String.class);
		spec = (effective != null) ? spec.bind("effectiveDate", effective)
				: spec.bindNull("effectiveDate", LocalDate.class);
		return spec.then();
	}

	Mono<Void> setStatus(long id, String sql, String author) {
		return this.db.sql(sql).bind("id", id).bind("author", author).then();
	}

	Mono<List<Entry>> entries(long plan) {
		return this.db.sql(CHANGES).bind("plan", plan).map(PlanRepository::entry).all().collectList();
	}

	/** A new entry for {@link #append}. */
	record NewEntry(String kind, String author, String note, List<String> grids, Map<String, Long> baseVersions,
			JsonNode body) {
	}

	Mono<List<Entry>> append(long plan, List<NewEntry> entries) {
		int n = entries.size();
		String[] kind = new String[n];
		String[] author = new String[n];
		String[] note = new String[n];
		String[] grids = new String[n];
		String[] versions = new String[n];
		String[] body = new String[n];
		for (int i = 0; i < n; i++) {
			NewEntry e = entries.get(i);
			kind[i] = e.kind();
			author[i] = e.author();
			note[i] = e.note();
			grids[i] = this.json.writeValueAsString(e.grids());
			versions[i] = this.json.writeValueAsString(e.baseVersions());
			body[i] = this.json.writeValueAsString(e.body());
		}
		return this.db.sql(CHANGE_INSERT)
			.bind("plan", plan)
			.bind("kind", kind)
			.bind("author", author)
			.bind("note", note)
			.bind("grids", grids)
			.bind("baseVersions", versions)
			.bind("body", body)
			.map(PlanRepository::entry)
			.all()
			.collectList();
	}

	Mono<Parent> parent(String code, Instant at) {
		return this.db.sql(PARENT)
			.bind("code", code)
			.bind("at", utc(at))
			.map((row, meta) -> new Parent(row.get("code", String.class), row.get("level", String.class),
					row.get("kind", String.class), row.get("name", String.class)))
			.one();
	}

	Mono<List<Community>> communities(String parent, Instant at) {
		return this.db.sql(SCOPE)
			.bind("parent", parent)
			.bind("at", utc(at))
			.map((row, meta) -> new Community(row.get("code", String.class), row.get("name", String.class),
					row.get("kind", String.class), geometry(row, "wkb")))
			.all()
			.collectList();
	}

	Mono<List<BaseGrid>> baseGrids(List<String> communities, Instant at) {
		return this.db.sql(BASE_GRIDS)
			.bind("communities", communities.toArray(String[]::new))
			.bind("at", utc(at))
			.map((row, meta) -> new BaseGrid(row.get("id", Long.class), row.get("code", String.class),
					row.get("community_code", String.class), row.get("name", String.class),
					row.get("grid_type", String.class), row.get("households", Integer.class),
					row.get("population", Integer.class), row.get("service_hotline", String.class),
					row.get("duties", String.class), staff(row.get("staff", String.class)), geometry(row, "wkb")))
			.all()
			.collectList();
	}

	Mono<List<Impact.AddressPoint>> addresses(Envelope box) {
		return this.db.sql(ADDRESSES)
			.bind("minx", box.getMinX())
			.bind("miny", box.getMinY())
			.bind("maxx", box.getMaxX())
			.bind("maxy", box.getMaxY())
			.map((row, meta) -> new Impact.AddressPoint(row.get("id", Long.class), row.get("households", Integer.class),
					point(row.get("lon", Double.class), row.get("lat", Double.class))))
			.all()
			.collectList();
	}

	Mono<Map<Long, String>> addressTexts(List<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql(ADDRESS_TEXTS)
			.bind("ids", ids.toArray(Long[]::new))
			.map((row, meta) -> Map.entry(row.get("id", Long.class), row.get("address", String.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
	}

	Mono<List<Impact.OpenIncident>> openIncidents(Envelope box) {
		return this.db.sql(INCIDENTS)
			.bind("minx", box.getMinX())
			.bind("miny", box.getMinY())
			.bind("maxx", box.getMaxX())
			.bind("maxy", box.getMaxY())
			.map((row, meta) -> new Impact.OpenIncident(row.get("id", Long.class),
					row.get("tracking_code", String.class), row.get("status", String.class),
					row.get("grid_code", String.class),
					point(row.get("lon", Double.class), row.get("lat", Double.class))))
			.all()
			.collectList();
	}

	Mono<Map<String, Integer>> highestSequences(List<String> communities) {
		return this.db.sql(SEQUENCES)
			.bind("communities", communities.toArray(String[]::new))
			.map((row, meta) -> Map.entry(row.get("community_code", String.class), row.get("highest", Integer.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
	}

	Mono<Map<String, Validation.CodeHistory>> codeHistory(List<String> codes, Instant at) {
		if (codes.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql(CODE_HISTORY)
			.bind("codes", codes.toArray(String[]::new))
			.bind("at", utc(at))
			.map((row, meta) -> Map.entry(row.get("code", String.class),
					new Validation.CodeHistory(Boolean.TRUE.equals(row.get("live", Boolean.class)), true)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Entry entry(Readable row) {
		String[] grids = row.get("grids", String[].class);
		return new Entry(row.get("seq", Integer.class), row.get("kind", String.class), row.get("author", String.class),
				instant(row, "at"), row.get("note", String.class), (grids != null) ? List.of(grids) : List.of(),
				row.get("base_versions", String.class), row.get("body", String.class));
	}

	private List<StaffMember> staff(String text) {
		JsonNode people = this.json.readTree(text);
		List<StaffMember> out = new ArrayList<>(people.size());
		for (JsonNode person : people) {
			out.add(new StaffMember(person.get("role").asString(), person.get("name").asString(),
					person.get("phone").isNull() ? null : person.get("phone").asString(),
					person.get("duties").isNull() ? null : person.get("duties").asString()));
		}
		return List.copyOf(out);
	}

	static Geometry geometry(Readable row, String column) {
		ByteBuffer buffer = row.get(column, ByteBuffer.class);
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		try {
			Geometry geometry = new WKBReader(GeoJsonInput.FACTORY).read(bytes);
			geometry.setSRID(4326);
			return geometry;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("PostGIS returned unreadable WKB", ex);
		}
	}

	private static org.locationtech.jts.geom.Point point(double lon, double lat) {
		return GeoJsonInput.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
	}

}
