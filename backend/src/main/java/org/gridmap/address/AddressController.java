package org.gridmap.address;

import org.gridmap.database.ReadDatabase;
import org.gridmap.database.SqlScript;
import org.gridmap.geo.JsonText;
import org.gridmap.problem.BadRequestProblem;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/addresses?q=}: find household addresses by partial Chinese text,
 * ranked, each with its point and grid, so a resident can go from "幸福小区3号楼" to their
 * grid.
 */
@RestController
class AddressController {

	static final int MAX_QUERY = 100;

	static final int MAX_LIMIT = 50;

	private static final String SEARCH = SqlScript.load(AddressController.class, "search.sql");

	private final DatabaseClient db;

	AddressController(ReadDatabase read) {
		this.db = read.client();
	}

	@GetMapping(path = "/api/v1/addresses", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> search(@RequestParam(required = false) String q, @RequestParam(required = false) String limit) {
		String text = clean(q);
		int count = limit(limit);
		String like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return this.db.sql(SEARCH)
			.bind("q", text)
			.bind("like", like)
			.bind("limit", count)
			.map((row, meta) -> row.get(0, String.class))
			.all()
			.collectList()
			.map((results) -> "{\"query\":" + JsonText.quote(text) + ",\"results\":[" + String.join(",", results)
					+ "]}");
	}

	/**
	 * The query without control characters and surrounding space; 2 to 100 characters.
	 */
	private static String clean(String q) {
		if (q == null) {
			throw new BadRequestProblem("q", "Parameter 'q' (part of an address) is required");
		}
		String text = q.replaceAll("\\p{Cntrl}", " ").strip();
		int length = text.codePointCount(0, text.length());
		if (length < 2) {
			throw new BadRequestProblem("q", "Type at least 2 characters of the address");
		}
		if (length > MAX_QUERY) {
			throw new BadRequestProblem("q", "Parameter 'q' holds at most " + MAX_QUERY + " characters");
		}
		return text;
	}

	private static int limit(String limit) {
		if (limit == null || limit.isBlank()) {
			return 10;
		}
		try {
			int value = Integer.parseInt(limit.strip());
			if (value < 1) {
				throw new BadRequestProblem("limit", "'limit' must be at least 1");
			}
			return Math.min(value, MAX_LIMIT);
		}
		catch (NumberFormatException ex) {
			throw new BadRequestProblem("limit", "'limit' must be a whole number");
		}
	}

}
