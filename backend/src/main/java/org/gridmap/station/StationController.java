package org.gridmap.station;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.gridmap.geo.JsonText;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/stations}: list (GeoJSON, filters {@code type} and {@code street}),
 * create, read, replace (PUT), change (PATCH) and delete service stations. A station is
 * addressed by its code; its ETag is its code and version, and every change needs that
 * ETag in {@code If-Match} (428 without, 412 when someone changed it meanwhile), so that
 * two planners editing one station cannot overwrite each other unseen.
 */
@RestController
class StationController {

	static final String GEOJSON = "application/geo+json";

	private final StationRepository repository;

	private final JsonMapper json;

	private final Set<String> types;

	StationController(StationRepository repository, JsonMapper json,
			@Value("${gridmap.stations.types}") List<String> types) {
		this.repository = repository;
		this.json = json;
		this.types = new LinkedHashSet<>(types.stream().map(String::strip).filter((t) -> !t.isEmpty()).toList());
	}

	static String etag(String code, int version) {
		return "\"" + code + "." + version + "\"";
	}

	@GetMapping(path = "/api/v1/stations", produces = { GEOJSON, MediaType.APPLICATION_JSON_VALUE })
	Mono<String> list(@RequestParam(required = false) String type, @RequestParam(required = false) String street,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String offset) {
		if (type != null && !type.isBlank() && !this.types.contains(type.strip())) {
			throw StationProblem.invalid("type", "'type' must be one of " + String.join(", ", this.types));
		}
		int max = number("limit", limit, 1000, 1, 10_000);
		int skip = number("offset", offset, 0, 0, Integer.MAX_VALUE);
		String streetFilter = (street == null || street.isBlank()) ? null : street.strip();
		String typeFilter = (type == null || type.isBlank()) ? null : type.strip();
		return this.repository.list(typeFilter, streetFilter, max, skip).collectList().map((rows) -> {
			StringBuilder out = new StringBuilder(rows.size() * 600 + 200);
			out.append("{\"type\":\"FeatureCollection\",\"features\":[");
			for (int i = 0; i < rows.size(); i++) {
				out.append((i > 0) ? "," : "").append(rows.get(i).json());
			}
			return out.append("],\"numberMatched\":")
				.append(rows.isEmpty() ? 0 : rows.get(0).matched())
				.append(",\"numberReturned\":")
				.append(rows.size())
				.append(",\"types\":")
				.append(this.types.stream().map(JsonText::quote).toList())
				.append('}')
				.toString();
		});
	}

	@GetMapping(path = "/api/v1/stations/{code}", produces = { GEOJSON, MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<String>> one(@PathVariable String code) {
		return this.repository.one(code)
			.switchIfEmpty(Mono.error(() -> StationProblem.notFound(code)))
			.map((feature) -> ResponseEntity.ok().eTag(feature.etag()).body(feature.json()));
	}

	@PostMapping(path = "/api/v1/stations", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = { GEOJSON, MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<String>> create(@RequestBody byte[] body) {
		StationFields fields = StationFields.full(parse(body), this.types, null);
		return this.repository.insert(fields)
			.flatMap(this.repository::one)
			.map((feature) -> ResponseEntity.created(URI.create("/api/v1/stations/" + feature.code()))
				.eTag(feature.etag())
				.body(feature.json()));
	}

	@PutMapping(path = "/api/v1/stations/{code}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = { GEOJSON, MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<String>> replace(@PathVariable String code, @RequestBody byte[] body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		JsonNode node = parse(body);
		return change(code, ifMatch, (current) -> StationFields.full(node, this.types, current));
	}

	@PatchMapping(path = "/api/v1/stations/{code}",
			consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" },
			produces = { GEOJSON, MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<String>> patch(@PathVariable String code, @RequestBody byte[] body,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		JsonNode node = parse(body);
		return change(code, ifMatch, (current) -> StationFields.patch(node, this.types, current));
	}

	@DeleteMapping("/api/v1/stations/{code}")
	Mono<ResponseEntity<Void>> delete(@PathVariable String code,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return this.repository.version(code)
			.switchIfEmpty(Mono.error(() -> StationProblem.notFound(code)))
			.flatMap((version) -> {
				Integer expected = expectedVersion(code, ifMatch, version);
				return this.repository.delete(code, expected)
					.switchIfEmpty(Mono.defer(() -> stale(code)))
					.thenReturn(ResponseEntity.noContent().<Void>build());
			});
	}

	private Mono<ResponseEntity<String>> change(String code, String ifMatch,
			java.util.function.Function<StationFields, StationFields> edit) {
		return this.repository.current(code)
			.switchIfEmpty(Mono.error(() -> StationProblem.notFound(code)))
			.flatMap((current) -> this.repository.version(code).flatMap((version) -> {
				Integer expected = expectedVersion(code, ifMatch, version);
				StationFields changed = edit.apply(current);
				return this.repository.update(changed, expected).switchIfEmpty(Mono.defer(() -> stale(code)));
			}))
			.flatMap(this.repository::one)
			.map((feature) -> ResponseEntity.ok().eTag(feature.etag()).body(feature.json()));
	}

	/**
	 * The version If-Match asks for ({@code null} for {@code *}), checked against the
	 * stored one here so that a stale tag is told before the body is looked at; the
	 * update checks it again atomically.
	 */
	private static Integer expectedVersion(String code, String ifMatch, int stored) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw StationProblem.preconditionRequired(code);
		}
		if (ifMatch.strip().equals("*")) {
			return null;
		}
		String current = etag(code, stored);
		for (String tag : ifMatch.split(",")) {
			// If-Match compares strongly: weak tags (W/"…") never match
			if (tag.strip().equals(current)) {
				return stored;
			}
		}
		throw StationProblem.stale(code, current);
	}

	private <T> Mono<T> stale(String code) {
		return this.repository.version(code)
			.switchIfEmpty(Mono.error(() -> StationProblem.notFound(code)))
			.flatMap((version) -> Mono.error(StationProblem.stale(code, etag(code, version))));
	}

	/** Bytes, not a String: Jackson then refuses bytes that are not UTF-8. */
	private JsonNode parse(byte[] body) {
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw StationProblem.invalid("body", "The body is not JSON: " + ex.getOriginalMessage());
		}
	}

	static int number(String name, String text, int fallback, int min, int max) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw StationProblem.invalid(name, "'" + name + "' must be a whole number from " + min + " to " + max);
	}

}
