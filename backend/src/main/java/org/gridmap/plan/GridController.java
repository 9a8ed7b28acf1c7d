package org.gridmap.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;

import org.gridmap.database.SqlScript;
import org.gridmap.geo.AsOf;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/grids/{code}}: one grid version with a strong ETag (a hash of the
 * representation, so it changes whenever the grid or its staff do), and
 * {@code …/history}: every version with its validity and the plan and people that made
 * it. Live grids are written only by publishing a plan. PostGIS writes the documents.
 */
@RestController
@RequestMapping(path = "/api/v1/grids", produces = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
class GridController {

	private static final String GRID = SqlScript.load(GridController.class, "grid.sql");

	private static final String HISTORY = SqlScript.load(GridController.class, "grid-history.sql");

	private final DatabaseClient db;

	private final PlanSettings settings;

	GridController(DatabaseClient db, PlanSettings settings) {
		this.db = db;
		this.settings = settings;
	}

	@GetMapping("/{code}")
	Mono<ResponseEntity<String>> grid(@PathVariable String code, @RequestParam(required = false) String asOf,
			@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
		checkCode(code);
		OffsetDateTime at;
		try {
			at = AsOf.parse(asOf, this.settings.zone);
		}
		catch (IllegalArgumentException ex) {
			throw PlanProblem.invalid("asOf", null, ex.getMessage());
		}
		return this.db.sql(GRID)
			.bind("code", code)
			.bind("at", at)
			.map((row, meta) -> row.get("feature", String.class))
			.one()
			.switchIfEmpty(Mono.error(() -> PlanProblem.gridNotFound(code)))
			.map((feature) -> {
				String tag = "\"" + hash(feature) + "\"";
				if (ifNoneMatch != null && ifNoneMatch.contains(tag)) {
					return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
				}
				return ResponseEntity.ok()
					.contentType(PlanController.GEO_JSON)
					.eTag(tag)
					.cacheControl(CacheControl.noCache())
					.body(feature);
			});
	}

	@GetMapping(path = "/{code}/history", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> history(@PathVariable String code) {
		checkCode(code);
		return this.db.sql(HISTORY)
			.bind("code", code)
			.map((row, meta) -> (row.get("versions", Long.class) > 0) ? row.get("history", String.class) : "")
			.one()
			.filter((doc) -> !doc.isEmpty())
			.switchIfEmpty(Mono.error(() -> PlanProblem.gridNotFound(code)));
	}

	private static void checkCode(String code) {
		if (!code.matches("^[0-9]{15}$")) {
			throw PlanProblem.invalid("code", null, "A grid code is 15 digits (6 division + 3 street + 3 community + 3 "
					+ "sequence), got '" + PlanProblem.abbreviate(code) + "'");
		}
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
