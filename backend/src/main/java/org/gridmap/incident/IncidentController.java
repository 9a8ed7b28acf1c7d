package org.gridmap.incident;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.gridmap.geo.JsonText;
import org.gridmap.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /api/v1/incidents}: intake (JSON, or multipart with photos), the dispatcher's
 * list as GeoJSON, one incident with its timeline, workflow steps, photos, the public
 * status by tracking code, and the live stream of steps. Staff see only the incidents of
 * their regions: the list and stream are filtered, and an incident outside them is not
 * found (404, as if it did not exist, so that ids cannot be probed across streets).
 */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentController {

	static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

	static final int MAX_PHOTOS = 5;

	private final IncidentIntake intake;

	private final IncidentActions actions;

	private final IncidentQueries queries;

	private final IncidentStream stream;

	private final JsonMapper json;

	private final ZoneId zone;

	IncidentController(IncidentIntake intake, IncidentActions actions, IncidentQueries queries, IncidentStream stream,
			JsonMapper json, @Value("${gridmap.time-zone}") ZoneId zone) {
		this.intake = intake;
		this.actions = actions;
		this.queries = queries;
		this.stream = stream;
		this.json = json;
		this.zone = zone;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Receipt>> create(@RequestBody ReportBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) String key) {
		return this.intake.submit(body.toReport(), List.of(), key).map(IncidentController::created);
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Receipt>> createWithPhotos(ServerWebExchange exchange,
			@RequestHeader(name = "Idempotency-Key", required = false) String key) {
		// A multipart body that cannot be parsed (no boundary, cut off) is the client's
		// error, not ours.
		Mono<org.springframework.util.MultiValueMap<String, Part>> multipart = exchange.getMultipartData()
			.onErrorMap(org.springframework.core.codec.DecodingException.class, (ex) -> IncidentProblem.invalid("body",
					"The multipart body could not be read: " + IncidentProblem.abbreviate(ex.getMessage())));
		return multipart.flatMap((parts) -> {
			Part report = parts.getFirst("report");
			if (!(report instanceof FormFieldPart field)) {
				return Mono.error(IncidentProblem.invalid("report",
						"A multipart report needs a form field 'report' holding the report as JSON"));
			}
			ReportBody body;
			try {
				body = this.json.readValue(field.value(), ReportBody.class);
			}
			catch (JacksonException ex) {
				return Mono.error(IncidentProblem.invalid("report", "The 'report' field is not a JSON report: "
						+ IncidentProblem.abbreviate(ex.getOriginalMessage())));
			}
			List<Part> files = parts.getOrDefault("photo", List.of());
			if (files.size() > MAX_PHOTOS) {
				return Mono.error(IncidentProblem.photoRejected("At most " + MAX_PHOTOS + " photos per report."));
			}
			NewReport checkedFirst = body.toReport();
			checkedFirst.checked();
			return Flux.fromIterable(files)
				.concatMap(IncidentController::bytes)
				.map(Photo::of)
				.collectList()
				.flatMap((photos) -> this.intake.submit(checkedFirst, photos, key));
		}).map(IncidentController::created);
	}

	@GetMapping(produces = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<Flux<DataBuffer>>> list(ServerWebExchange exchange) {
		IncidentFilter filter = IncidentFilter.of(exchange.getRequest().getQueryParams(), this.zone);
		OffsetDateTime now = OffsetDateTime.now();
		DataBufferFactory buffers = exchange.getResponse().bufferFactory();
		return Caller.required().flatMap((caller) -> list(exchange, filter, caller.regionPatterns(), now, buffers));
	}

	private Mono<ResponseEntity<Flux<DataBuffer>>> list(ServerWebExchange exchange, IncidentFilter filter,
			String[] regions, OffsetDateTime now, DataBufferFactory buffers) {
		return this.queries.count(filter, regions, now).map((matched) -> {
			AtomicLong returned = new AtomicLong();
			Flux<String> features = this.queries.features(filter, regions, now).buffer(100).map((portion) -> {
				StringBuilder out = new StringBuilder(portion.size() * 700);
				for (String feature : portion) {
					out.append((returned.getAndIncrement() > 0) ? "," : "").append(feature);
				}
				return out.toString();
			});
			Flux<String> document = Flux.concat(Mono.just("{\"type\":\"FeatureCollection\",\"features\":["), features,
					Mono.fromSupplier(() -> footer(exchange, filter, matched, returned.get())));
			return ResponseEntity.ok()
				.contentType(GEO_JSON)
				.body(document.map((text) -> buffers.wrap(text.getBytes(StandardCharsets.UTF_8))));
		});
	}

	@GetMapping(path = "/{id:\\d+}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> detail(@PathVariable long id) {
		return Caller.required().flatMap((caller) -> detail(id, caller));
	}

	private Mono<String> detail(long id, Caller caller) {
		return this.queries.detail(id)
			.filter((detail) -> caller.covers(detail.gridCode()))
			.switchIfEmpty(Mono.error(() -> IncidentProblem.notFound(String.valueOf(id))))
			.map(IncidentController::withAllowedActions);
	}

	@PostMapping(path = "/{id:\\d+}/actions", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> act(@PathVariable long id, @RequestBody ActionRequest request) {
		return Caller.required().flatMap((caller) -> this.actions.act(id, request, caller).then(detail(id, caller)));
	}

	@GetMapping(path = "/{id:\\d+}/photos/{photoId:\\d+}")
	Mono<ResponseEntity<byte[]>> photo(@PathVariable long id, @PathVariable long photoId) {
		return Caller.required()
			.flatMap((caller) -> this.queries.gridOf(id).filter((grid) -> caller.covers(grid.orElse(null))))
			.flatMap((grid) -> this.queries.photo(id, photoId))
			.switchIfEmpty(Mono.error(() -> IncidentProblem.notFound(id + " photo " + photoId)))
			.map((photo) -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(photo.contentType()))
				.cacheControl(CacheControl.noCache().cachePrivate())
				.body(photo.bytes()));
	}

	@GetMapping(path = "/track/{trackingCode}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> track(@PathVariable String trackingCode) {
		if (!trackingCode.matches("^[A-Za-z0-9-]{6,40}$")) {
			throw IncidentProblem.invalid("trackingCode", "A tracking code looks like GM20261123-4F7K2Q");
		}
		return this.queries.track(trackingCode.toUpperCase())
			.switchIfEmpty(Mono.error(() -> IncidentProblem.notFound("with tracking code " + trackingCode)));
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> stream() {
		return Caller.required().flatMapMany(this.stream::events);
	}

	private static ResponseEntity<Receipt> created(Receipt receipt) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/incidents/" + receipt.id()))
			.body(receipt);
	}

	private static Mono<byte[]> bytes(Part part) {
		if (!(part instanceof FilePart)) {
			return Mono.error(IncidentProblem.photoRejected("'photo' parts must be files."));
		}
		return DataBufferUtils.join(part.content(), Photo.MAX_BYTES + 1).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		})
			.onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class, (ex) -> IncidentProblem
				.photoRejected("A photo is larger than " + (Photo.MAX_BYTES / 1024 / 1024) + " MB."));
	}

	private static String withAllowedActions(IncidentQueries.Detail detail) {
		StringBuilder actions = new StringBuilder(",\"allowedActions\":[");
		List<Workflow> steps = Workflow.from(detail.status());
		for (int i = 0; i < steps.size(); i++) {
			actions.append((i > 0) ? "," : "")
				.append("{\"action\":")
				.append(JsonText.quote(steps.get(i).action()))
				.append(",\"role\":")
				.append(JsonText.quote(steps.get(i).role()))
				.append('}');
		}
		String doc = detail.document();
		return doc.substring(0, doc.length() - 1) + actions.append("]}");
	}

	private static String footer(ServerWebExchange exchange, IncidentFilter filter, long matched, long returned) {
		StringBuilder out = new StringBuilder("],\"numberMatched\":").append(matched)
			.append(",\"numberReturned\":")
			.append(returned)
			.append(",\"links\":[");
		if (filter.offset() + returned < matched) {
			String next = org.springframework.web.util.UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
				.replaceQueryParam("offset", filter.offset() + filter.limit())
				.build()
				.toUriString();
			out.append("{\"rel\":\"next\",\"type\":\"application/geo+json\",\"href\":")
				.append(JsonText.quote(next))
				.append('}');
		}
		return out.append("]}").toString();
	}

	/** The JSON body of a report. */
	record ReportBody(String matter, String description, Double lon, Double lat, String crs, String address,
			String channel, Contact reporter) {

		NewReport toReport() {
			Contact contact = (this.reporter != null) ? this.reporter : new Contact(null, null, null);
			return new NewReport(this.matter, this.description, this.lon, this.lat, this.crs, this.address,
					this.channel, contact.name(), contact.phone(), contact.email(), null);
		}

	}

	/** The reporter's contact: private, never in a public output. */
	record Contact(String name, String phone, String email) {
	}

}
