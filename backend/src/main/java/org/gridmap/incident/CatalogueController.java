package org.gridmap.incident;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admitted-matters list (事项准入清单) and the departments that own the matters: what a
 * report can be about, who handles it and how long it may take.
 */
@RestController
class CatalogueController {

	private final DatabaseClient db;

	CatalogueController(DatabaseClient db) {
		this.db = db;
	}

	@GetMapping(path = "/api/v1/matters", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> matters() {
		return json(
				"""
						SELECT coalesce(json_agg(json_build_object('code', m.code, 'name', m.name, 'nameEn', m.name_en,
						         'departmentCode', m.department_code, 'departmentName', d.name, 'tier', m.tier,
						         'timeLimitHours', m.time_limit_hours, 'description', m.description) ORDER BY m.code), '[]')::text
						FROM matter m JOIN department d ON d.code = m.department_code""");
	}

	@GetMapping(path = "/api/v1/departments", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> departments() {
		return json("""
				SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'nameEn', name_en,
				         'hotline', hotline) ORDER BY code), '[]')::text
				FROM department""");
	}

	private Mono<String> json(String sql) {
		return this.db.sql(sql).map((row, meta) -> row.get(0, String.class)).one();
	}

}
