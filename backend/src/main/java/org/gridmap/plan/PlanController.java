package org.gridmap.plan;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.gridmap.geo.InputCrs;
import org.gridmap.security.Caller;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /api/v1/plans}: draft plans, their changes and audit trail, the derived draft
 * grids, validation and impact, and publishing. Bodies are read here under the size limit
 * and parsed by the strict {@link GeoJsonInput}; every write needs {@code If-Match}. The
 * contract is {@code docs/planning.md}.
 */
@RestController
@RequestMapping(path = "/api/v1/plans", produces = MediaType.APPLICATION_JSON_VALUE)
class PlanController {

	static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

	static final Set<String> STATUSES = Set.of("draft", "published", "discarded");

	static final int DEFAULT_ADDRESS_LIMIT = 200;

	static final int MAX_ADDRESS_LIMIT = 5_000;

	private final Plans plans;

	private final PlanPublisher publisher;

	PlanController(Plans plans, PlanPublisher publisher) {
		this.plans = plans;
		this.publisher = publisher;
	}

	@PostMapping
	Mono<ResponseEntity<ObjectNode>> create(ServerWebExchange exchange) {
		return body(exchange).flatMap((body) -> this.plans.create(body))
			.flatMap((plan) -> this.plans.document(plan)
				.map((doc) -> ResponseEntity.created(URI.create("/api/v1/plans/" + plan.id()))
					.eTag(plan.etag())
					.body(doc)));
	}

	@GetMapping
	Mono<ObjectNode> list(@RequestParam(required = false) String status,
			@RequestParam(required = false) String parent) {
		if (status != null && !STATUSES.contains(status)) {
			throw PlanProblem.invalid("status", null, "'status' is draft, published or discarded");
		}
		if (parent != null && !parent.matches("^[0-9]{9}([0-9]{3})?$")) {
			throw PlanProblem.invalid("parent", null, "'parent' is a street (9 digits) or community (12 digits) code");
		}
		return this.plans.list(status, parent).collectList().map((found) -> {
			ObjectNode out = GeoJsonOutput.NODES.objectNode();
			ArrayNode items = out.putArray("plans");
			found.forEach((plan) -> items.add(plan.toJson(null)));
			return out;
		});
	}

	@GetMapping("/{id:\\d{1,18}}")
	Mono<ResponseEntity<ObjectNode>> get(@PathVariable long id,
			@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
		return this.plans.get(id).flatMap((plan) -> {
			if (ifNoneMatch != null && List.of(ifNoneMatch.split(","))
				.stream()
				.anyMatch((tag) -> tag.strip().equals(plan.etag()) || tag.strip().equals("*"))) {
				return Mono.just(ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(plan.etag()).<ObjectNode>build());
			}
			return this.plans.document(plan).map((doc) -> withTag(plan, doc));
		});
	}

	@PatchMapping("/{id:\\d{1,18}}")
	Mono<ResponseEntity<ObjectNode>> edit(@PathVariable long id,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, ServerWebExchange exchange) {
		return body(exchange).flatMap((body) -> this.plans.edit(id, ifMatch, body))
			.flatMap((plan) -> this.plans.document(plan).map((doc) -> withTag(plan, doc)));
	}

	@DeleteMapping("/{id:\\d{1,18}}")
	Mono<ResponseEntity<ObjectNode>> delete(@PathVariable long id,
			@RequestHeader(name = "If-Match", required = false) String ifMatch,
			@RequestParam(required = false) String author) {
		return Plans.author(author)
			.flatMap((who) -> this.plans.discard(id, ifMatch, author(who)))
			.flatMap((plan) -> this.plans.document(plan).map((doc) -> withTag(plan, doc)));
	}

	@PostMapping("/{id:\\d{1,18}}/discard")
	Mono<ResponseEntity<ObjectNode>> discard(@PathVariable long id,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, ServerWebExchange exchange) {
		return body(exchange).flatMap((body) -> this.plans.discard(id, ifMatch, Fields.author(body, "")))
			.flatMap((plan) -> this.plans.document(plan).map((doc) -> withTag(plan, doc)));
	}

	@PostMapping("/{id:\\d{1,18}}/changes")
	Mono<ResponseEntity<ObjectNode>> addChanges(@PathVariable long id,
			@RequestHeader(name = "If-Match", required = false) String ifMatch,
			@RequestParam(required = false) String crs, ServerWebExchange exchange) {
		InputCrs inputCrs = crs(crs);
		return body(exchange).map((body) -> this.plans.incoming(body, inputCrs))
			.flatMap((changes) -> this.plans.addChanges(id, ifMatch, changes))
			.map(PlanController::created);
	}

	@PostMapping("/{id:\\d{1,18}}/changes/{seq:\\d{1,9}}/undo")
	Mono<ResponseEntity<ObjectNode>> undo(@PathVariable long id, @PathVariable int seq,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, ServerWebExchange exchange) {
		return body(exchange).flatMap((body) -> this.plans.undo(id, seq, ifMatch, Fields.author(body, "")))
			.map(PlanController::created);
	}

	@GetMapping("/{id:\\d{1,18}}/changes")
	Mono<ObjectNode> changes(@PathVariable long id) {
		return this.plans.get(id)
			.flatMap((plan) -> this.plans.entries(id).map((entries) -> this.plans.trail(plan, entries)));
	}

	@GetMapping(path = "/{id:\\d{1,18}}/grids", produces = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<ObjectNode>> grids(@PathVariable long id, @RequestParam(required = false) String crs) {
		InputCrs outputCrs = crs(crs);
		return workspace(id).map((workspace) -> ResponseEntity.ok()
			.contentType(GEO_JSON)
			.cacheControl(CacheControl.noCache())
			.body(Plans.draftGrids(workspace, outputCrs)));
	}

	@GetMapping("/{id:\\d{1,18}}/validation")
	Mono<ObjectNode> validation(@PathVariable long id) {
		return workspace(id).map((workspace) -> Plans.validationReport(workspace, this.plans.validate(workspace),
				this.plans.settings()));
	}

	@GetMapping("/{id:\\d{1,18}}/impact")
	Mono<ObjectNode> impact(@PathVariable long id, @RequestParam(required = false) String addressLimit,
			@RequestParam(required = false) String addressOffset) {
		int limit = number("addressLimit", addressLimit, DEFAULT_ADDRESS_LIMIT, 0, MAX_ADDRESS_LIMIT);
		int offset = number("addressOffset", addressOffset, 0, 0, Integer.MAX_VALUE);
		return workspace(id).flatMap((workspace) -> this.plans.openIncidents(workspace)
			.zipWith(this.plans.addressTexts(Impact.page(workspace.counts(), offset, limit)))
			.map((loaded) -> Impact.report(workspace.plan(), workspace.draft(), workspace.counts(), loaded.getT1(),
					offset, limit, loaded.getT2())));
	}

	@PostMapping("/{id:\\d{1,18}}/publish")
	Mono<ResponseEntity<ObjectNode>> publish(@PathVariable long id,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, ServerWebExchange exchange) {
		return body(exchange).flatMap((body) -> this.publisher.publish(id, ifMatch, Fields.author(body, "")))
			.map((result) -> ResponseEntity.ok().eTag(result.get("plan").get("etag").asString()).body(result));
	}

	/** The draft of a plan that is still a draft, derived at its effective instant. */
	private Mono<Plans.Workspace> workspace(long id) {
		return this.plans.get(id).flatMap((plan) -> {
			if (!plan.isDraft()) {
				return Mono.error(PlanProblem.notDraft(id, plan.status()));
			}
			return this.plans.derive(plan, plan.effectiveInstant(Instant.now(), this.plans.settings().zone));
		});
	}

	/** The request body, at most the configured size (413 beyond), as JSON. */
	private Mono<JsonNode> body(ServerWebExchange exchange) {
		return DataBufferUtils.join(exchange.getRequest().getBody(), this.plans.settings().maxBodyBytes)
			.map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return bytes;
			})
			.defaultIfEmpty(new byte[0])
			.map((bytes) -> this.plans.input().parse(bytes))
			.flatMap(PlanController::signed);
	}

	/**
	 * The body with the signed-in user as its author (and as the author of each change of
	 * a batch): an {@code author} sent by the client is accepted and replaced.
	 */
	static Mono<JsonNode> signed(JsonNode body) {
		return Caller.current().map((caller) -> {
			if (body instanceof ObjectNode object) {
				object.put("author", caller.name());
				JsonNode changes = object.get("changes");
				if (changes != null && changes.isArray()) {
					for (JsonNode change : changes) {
						if (change instanceof ObjectNode each && each.has("author")) {
							each.put("author", caller.name());
						}
					}
				}
			}
			return body;
		}).defaultIfEmpty(body);
	}

	private static ResponseEntity<ObjectNode> withTag(Plan plan, ObjectNode doc) {
		return ResponseEntity.ok().eTag(plan.etag()).body(doc);
	}

	private static ResponseEntity<ObjectNode> created(ObjectNode result) {
		return ResponseEntity.status(HttpStatus.CREATED).eTag(result.get("plan").get("etag").asString()).body(result);
	}

	private static String author(String author) {
		if (author == null || author.isBlank() || author.strip().length() > 100) {
			throw PlanProblem.invalid("author", null, "'author' (1–100 characters) is required");
		}
		return author.strip();
	}

	private static InputCrs crs(String crs) {
		try {
			return InputCrs.parse(crs);
		}
		catch (IllegalArgumentException ex) {
			throw PlanProblem.invalid("crs", null, ex.getMessage());
		}
	}

	private static int number(String name, String text, int fallback, int min, int max) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value < min || value > max) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw PlanProblem.invalid(name, null, "'" + name + "' must be a whole number from " + min + " to " + max
					+ ", got '" + PlanProblem.abbreviate(text) + "'");
		}
	}

}
