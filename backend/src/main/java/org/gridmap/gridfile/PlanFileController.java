package org.gridmap.gridfile;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;

import org.gridmap.plan.PlanDrafts;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Grid files and draft plans: {@code POST /api/v1/plans/{id}/imports} turns a file into
 * changes of the draft (multipart: {@code file}, {@code author}, optional {@code crs},
 * {@code format}, {@code deleteMissing}, {@code note}; {@code If-Match} with the plan's
 * ETag) and answers with the import summary and the plan's validation report; with
 * {@code Accept: application/x-ndjson} it streams one progress line per phase (received,
 * parsed, matched, recorded, done, or failed with the problem). {@code GET
 * /api/v1/plans/{id}/export?format=geojson|gpkg|csv} downloads the draft's grids under
 * their planned codes.
 */
@RestController
class PlanFileController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GridImport imports;

	private final PlanDrafts plans;

	private final GridExportRepository repository;

	private final GridfileLimits limits;

	private final ZoneId zone;

	PlanFileController(GridImport imports, PlanDrafts plans, GridExportRepository repository, GridfileLimits limits,
			@Value("${gridmap.time-zone}") ZoneId zone) {
		this.imports = imports;
		this.plans = plans;
		this.repository = repository;
		this.limits = limits;
		this.zone = zone;
	}

	@PostMapping(path = "/api/v1/plans/{id:\\d{1,18}}/imports", produces = MediaType.APPLICATION_NDJSON_VALUE)
	Flux<ObjectNode> importWithProgress(@PathVariable long id,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, ServerHttpRequest request) {
		return run(id, ifMatch, request).map(GridImport.Progress::body)
			.onErrorResume(ErrorResponse.class::isInstance, (error) -> {
				ErrorResponse ex = (ErrorResponse) error;
				ObjectNode failed = JSON.createObjectNode().put("phase", "failed");
				failed.put("status", ex.getStatusCode().value());
				failed.set("problem", JSON.valueToTree(ex.getBody()));
				return Mono.just(failed);
			});
	}

	@PostMapping(path = "/api/v1/plans/{id:\\d{1,18}}/imports", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ObjectNode>> importAtOnce(@PathVariable long id,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, ServerHttpRequest request) {
		return run(id, ifMatch, request).last().map((done) -> {
			ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
			if (done.body().path("plan").has("etag")) {
				ok.header(HttpHeaders.ETAG, done.body().get("plan").get("etag").asString());
			}
			return ok.body(done.body());
		});
	}

	private Flux<GridImport.Progress> run(long id, String ifMatch, ServerHttpRequest request) {
		return Flux.usingWhen(Upload.receive(request, this.limits.maxBytes()),
				(upload) -> this.imports.run(upload, request(id, ifMatch, upload)),
				(upload) -> Mono.fromRunnable(upload::close).subscribeOn(Schedulers.boundedElastic()));
	}

	private static GridImport.Request request(long id, String ifMatch, Upload upload) {
		// accepted and ignored: the signed-in user is the author (PlanDrafts)
		String author = upload.parameter("author");
		if (author == null || author.isBlank() || author.strip().length() > 100) {
			author = "";
		}
		String note = upload.parameter("note");
		if (note != null && note.length() > 2000) {
			throw GridfileProblem.parameter("note", "'note' holds at most 2,000 characters.");
		}
		String delete = upload.parameter("deleteMissing");
		boolean deleteMissing = false;
		if (delete != null && !delete.isBlank()) {
			deleteMissing = switch (delete.strip().toLowerCase(Locale.ROOT)) {
				case "true", "1", "yes" -> true;
				case "false", "0", "no" -> false;
				default -> throw GridfileProblem.parameter("deleteMissing", "'deleteMissing' is true or false.");
			};
		}
		return new GridImport.Request(id, ifMatch, author.strip(), note, upload.parameter("crs"),
				upload.parameter("format"), deleteMissing);
	}

	@GetMapping("/api/v1/plans/{id:\\d{1,18}}/export")
	Mono<ResponseEntity<Flux<DataBuffer>>> export(@PathVariable long id, @RequestParam(required = false) String format,
			ServerWebExchange exchange) {
		ExportFormat kind = ExportFormat.parse(format);
		return this.plans.draft(id).map((draft) -> {
			String name = "plan-" + draft.planId() + "-v" + draft.version();
			OffsetDateTime from = draft.effectiveDate().atStartOfDay(this.zone).toOffsetDateTime();
			Flux<DataBuffer> body = ExportWriter.write(kind, name,
					this.repository.draftRows(kind.id, draft.grids(), from), exchange.getResponse().bufferFactory());
			return ResponseEntity.ok()
				.contentType(kind.mediaType)
				.eTag(draft.etag())
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(name + "." + kind.extension).build().toString())
				.body(body);
		});
	}

}
