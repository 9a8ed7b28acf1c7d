package org.gridmap.open311;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.r2dbc.spi.Row;
import org.gridmap.database.SqlScript;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/** Reads services (the admitted matters) and public service requests (incidents). */
@Repository
class Open311Repository {

	private static final String SERVICES = SqlScript.load(Open311Repository.class, "services.sql");

	private static final String REQUESTS = SqlScript.load(Open311Repository.class, "requests.sql");

	private final DatabaseClient db;

	Open311Repository(DatabaseClient db) {
		this.db = db;
	}

	/** Every service, or the one with {@code code} (none when unknown). */
	Flux<Map<String, Object>> services(String code) {
		GenericExecuteSpec spec = this.db.sql(SERVICES);
		spec = (code != null) ? spec.bind("code", code) : spec.bindNull("code", String.class);
		return spec.map((row, meta) -> {
			Map<String, Object> service = new LinkedHashMap<>();
			service.put("service_code", row.get("code", String.class));
			service.put("service_name", row.get("name", String.class));
			service.put("description", row.get("description", String.class));
			service.put("metadata", false);
			service.put("type", "realtime");
			service.put("keywords", row.get("name_en", String.class));
			service.put("group", row.get("department", String.class));
			return service;
		}).all();
	}

	Flux<ServiceRequest> requests(RequestsQuery query) {
		GenericExecuteSpec spec = this.db.sql(REQUESTS)
			.bind("from", query.from())
			.bind("limit", RequestsQuery.MAX_RESULTS);
		spec = (query.ids() != null) ? spec.bind("ids", query.ids()) : spec.bindNull("ids", Long[].class);
		spec = (query.to() != null) ? spec.bind("to", query.to()) : spec.bindNull("to", OffsetDateTime.class);
		spec = (query.serviceCodes() != null) ? spec.bind("codes", query.serviceCodes())
				: spec.bindNull("codes", String[].class);
		spec = (query.closed() != null) ? spec.bind("closed", query.closed()) : spec.bindNull("closed", Boolean.class);
		return spec.map((row, meta) -> request(row)).all();
	}

	private static ServiceRequest request(Row row) {
		return new ServiceRequest(row.get("id", Long.class), row.get("tracking_code", String.class),
				row.get("status", String.class), row.get("reject_reason", String.class),
				row.get("duplicate_of", Long.class), row.get("matter_code", String.class),
				row.get("matter_name", String.class), row.get("department_name", String.class),
				row.get("reported_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class),
				row.get("deadline", OffsetDateTime.class), row.get("lon", Double.class), row.get("lat", Double.class),
				row.get("last_action", String.class), row.get("last_at", OffsetDateTime.class));
	}

}
