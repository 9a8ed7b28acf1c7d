package org.gridmap.station;

import java.util.List;

import io.r2dbc.spi.Readable;
import org.gridmap.database.SqlScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/** Station rows: the SQL is in the .sql files next to this class. */
@Repository
class StationRepository {

	private static final String FEATURE = SqlScript.load(StationRepository.class, "feature.sql");

	private static final String CURRENT = SqlScript.load(StationRepository.class, "current.sql");

	private static final String INSERT = SqlScript.load(StationRepository.class, "insert.sql");

	private static final String UPDATE = SqlScript.load(StationRepository.class, "update.sql");

	private static final String DELETE = SqlScript.load(StationRepository.class, "delete.sql");

	private final DatabaseClient db;

	StationRepository(DatabaseClient db) {
		this.db = db;
	}

	Flux<Feature> list(String type, String street, int limit, int offset) {
		return features(null, type, street, limit, offset);
	}

	Mono<Feature> one(String code) {
		return features(code, null, null, 1, 0).next();
	}

	private Flux<Feature> features(String code, String type, String street, int limit, int offset) {
		GenericExecuteSpec spec = this.db.sql(FEATURE);
		spec = bindText(spec, "code", code);
		spec = bindText(spec, "type", type);
		spec = bindText(spec, "street", street);
		return spec.bind("limit", limit)
			.bind("offset", offset)
			.map((row, meta) -> new Feature(row.get("code", String.class), row.get("version", Integer.class),
					row.get("feature", String.class), row.get("matched", Long.class)))
			.all();
	}

	Mono<StationFields> current(String code) {
		return this.db.sql(CURRENT).bind("code", code).map(StationRepository::fields).one();
	}

	Mono<Integer> version(String code) {
		return this.db.sql("SELECT version FROM service_station WHERE code = :code")
			.bind("code", code)
			.map((row, meta) -> row.get("version", Integer.class))
			.one();
	}

	Mono<String> insert(StationFields fields) {
		return bindFields(bindText(this.db.sql(INSERT), "code", fields.code()), fields)
			.map((row, meta) -> row.get("code", String.class))
			.one();
	}

	/**
	 * The code when updated; empty when the station is gone or not at {@code version}.
	 */
	Mono<String> update(StationFields fields, Integer version) {
		GenericExecuteSpec spec = bindFields(this.db.sql(UPDATE).bind("code", fields.code()), fields);
		spec = (version != null) ? spec.bind("version", version) : spec.bindNull("version", Integer.class);
		return spec.map((row, meta) -> row.get("code", String.class)).one();
	}

	Mono<String> delete(String code, Integer version) {
		GenericExecuteSpec spec = this.db.sql(DELETE).bind("code", code);
		spec = (version != null) ? spec.bind("version", version) : spec.bindNull("version", Integer.class);
		return spec.map((row, meta) -> row.get("code", String.class)).one();
	}

	private static GenericExecuteSpec bindFields(GenericExecuteSpec spec, StationFields fields) {
		spec = spec.bind("name", fields.name()).bind("type", fields.type());
		spec = bindText(spec, "address", fields.address());
		spec = bindText(spec, "hours", fields.hours());
		spec = bindText(spec, "phone", fields.phone());
		return spec.bind("services", fields.services().toArray(String[]::new))
			.bind("lon", fields.lon())
			.bind("lat", fields.lat());
	}

	private static GenericExecuteSpec bindText(GenericExecuteSpec spec, String name, String value) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
	}

	private static StationFields fields(Readable row) {
		String[] services = row.get("services", String[].class);
		return new StationFields(row.get("code", String.class), row.get("name", String.class),
				row.get("station_type", String.class), row.get("address", String.class), row.get("hours", String.class),
				row.get("phone", String.class), (services != null) ? List.of(services) : List.of(),
				row.get("lon", Double.class), row.get("lat", Double.class));
	}

	/** A station as a GeoJSON feature, its version and how many the list matched. */
	record Feature(String code, int version, String json, long matched) {

		String etag() {
			return StationController.etag(this.code, this.version);
		}

	}

}
