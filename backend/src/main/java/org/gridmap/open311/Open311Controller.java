package org.gridmap.open311;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gridmap.incident.IncidentIntake;
import org.gridmap.incident.Receipt;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * GeoReport v2 resources, each in {@code .json} and {@code .xml}. Lists of requests are
 * streamed a portion at a time; reports go through the same {@link IncidentIntake} as
 * every other channel, behind an API key.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311Controller {

	static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

	/**
	 * When this service's GeoReport interface last changed, for clients caching
	 * discovery.
	 */
	static final String CHANGESET = "2026-11-23T00:00:00+08:00";

	private static final int REQUESTS_PER_WRITE = 100;

	private final Open311Repository repository;

	private final IncidentIntake intake;

	private final List<byte[]> apiKeys;

	private final ZoneId zone;

	Open311Controller(Open311Repository repository, IncidentIntake intake,
			@Value("${gridmap.open311.api-keys:}") String apiKeys, @Value("${gridmap.time-zone}") ZoneId zone) {
		this.repository = repository;
		this.intake = intake;
		this.apiKeys = Arrays.stream(apiKeys.split(","))
			.map(String::strip)
			.filter((key) -> !key.isEmpty())
			.map((key) -> key.getBytes(StandardCharsets.UTF_8))
			.toList();
		this.zone = zone;
	}

	@GetMapping("/discovery.{format}")
	ResponseEntity<String> discovery(@PathVariable String format, ServerHttpRequest request) {
		Format as = Format.of(format);
		Map<String, Object> endpoint = new LinkedHashMap<>();
		endpoint.put("specification", SPECIFICATION);
		endpoint.put("url",
				UriComponentsBuilder.fromUri(request.getURI())
					.replacePath("/open311/v2")
					.replaceQuery(null)
					.build()
					.toUriString());
		endpoint.put("changeset", CHANGESET);
		endpoint.put("type", "production");
		endpoint.put("formats", List.of(MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_XML_VALUE));
		Map<String, Object> discovery = new LinkedHashMap<>();
		discovery.put("changeset", CHANGESET);
		discovery.put("contact",
				"Gridmap 网格地图: the district's grid service desk; departments' hotlines at " + "/api/v1/departments");
		discovery.put("key_service", "API keys for posting service requests are issued by the district's Gridmap "
				+ "operators; reading needs no key");
		discovery.put("endpoints", List.of(endpoint));
		return document(as, HttpStatus.OK, Open311Writer.document(as, "discovery", discovery));
	}

	@GetMapping("/services.{format}")
	Mono<ResponseEntity<String>> services(@PathVariable String format) {
		Format as = Format.of(format);
		return this.repository.services(null)
			.collectList()
			.map((services) -> document(as, HttpStatus.OK, Open311Writer.document(as, "services", services)));
	}

	@GetMapping("/services/{code:[^.]+}.{format}")
	Mono<ResponseEntity<String>> service(@PathVariable String code, @PathVariable String format) {
		Format as = Format.of(format);
		return this.repository.services(code).next().map((service) -> {
			Map<String, Object> definition = new LinkedHashMap<>();
			definition.put("service_code", service.get("service_code"));
			definition.put("attributes", List.of());
			return document(as, HttpStatus.OK, Open311Writer.document(as, "service_definition", definition));
		}).switchIfEmpty(Mono.error(() -> Open311Problem.unknownService(code)));
	}

	@GetMapping("/requests.{format}")
	ResponseEntity<Flux<DataBuffer>> requests(@PathVariable String format, ServerWebExchange exchange) {
		Format as = Format.of(format);
		RequestsQuery query = RequestsQuery.of(exchange.getRequest().getQueryParams(), this.zone);
		DataBufferFactory buffers = exchange.getResponse().bufferFactory();
		AtomicBoolean first = new AtomicBoolean(true);
		Flux<String> members = this.repository.requests(query).buffer(REQUESTS_PER_WRITE).map((portion) -> {
			StringBuilder out = new StringBuilder(portion.size() * 700);
			for (ServiceRequest each : portion) {
				out.append(
						Open311Writer.member(as, "service_requests", each.fields(this.zone), first.getAndSet(false)));
			}
			return out.toString();
		});
		Flux<String> document = Flux.concat(Mono.just(Open311Writer.open(as, "service_requests")), members,
				Mono.fromSupplier(() -> Open311Writer.close(as, "service_requests")));
		return ResponseEntity.ok()
			.contentType(as.mediaType())
			.body(document.map((text) -> buffers.wrap(text.getBytes(StandardCharsets.UTF_8))));
	}

	@GetMapping("/requests/{id:[^.]+}.{format}")
	Mono<ResponseEntity<String>> request(@PathVariable String id, @PathVariable String format) {
		Format as = Format.of(format);
		if (!id.matches("^\\d{1,18}$")) {
			return Mono.error(Open311Problem.unknownRequest(id));
		}
		return this.repository.requests(RequestsQuery.one(Long.parseLong(id)))
			.next()
			.map((found) -> document(as, HttpStatus.OK,
					Open311Writer.document(as, "service_requests", List.of(found.fields(this.zone)))))
			.switchIfEmpty(Mono.error(() -> Open311Problem.unknownRequest(id)));
	}

	/** GeoReport's own encoding: {@code application/x-www-form-urlencoded}. */
	@PostMapping(path = "/requests.{format}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Mono<ResponseEntity<String>> createFromForm(@PathVariable String format, ServerWebExchange exchange,
			@RequestHeader(name = "Idempotency-Key", required = false) String key) {
		Format as = Format.of(format);
		return exchange.getFormData().flatMap((form) -> create(as, NewRequest.of((name) -> form.getFirst(name)), key));
	}

	@PostMapping(path = "/requests.{format}", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<String>> createFromJson(@PathVariable String format,
			@RequestBody(required = false) Map<String, Object> body,
			@RequestHeader(name = "Idempotency-Key", required = false) String key) {
		return create(Format.of(format), NewRequest.of(body), key);
	}

	private Mono<ResponseEntity<String>> create(Format as, NewRequest request, String key) {
		if (!validKey(request.apiKey())) {
			return Mono.error(Open311Problem.forbidden());
		}
		return Mono.defer(() -> this.intake.submit(request.toReport(), List.of(), key))
			.onErrorMap(Open311Problem::fromIntake)
			.map((receipt) -> {
				Map<String, Object> created = new LinkedHashMap<>();
				created.put("service_request_id", String.valueOf(receipt.id()));
				created.put("service_notice", notice(receipt, request));
				created.put("account_id", null);
				return ResponseEntity.status(HttpStatus.CREATED)
					.location(URI.create("/open311/v2/requests/" + receipt.id() + "." + as.name().toLowerCase()))
					.contentType(as.mediaType())
					.body(Open311Writer.document(as, "service_requests", List.of(created)));
			});
	}

	private String notice(Receipt receipt, NewRequest request) {
		StringBuilder notice = new StringBuilder("Tracking code ").append(receipt.trackingCode())
			.append(" (follow it at /api/v1/incidents/track/")
			.append(receipt.trackingCode())
			.append("); expected by ")
			.append(ServiceRequest.time(receipt.deadline(), this.zone))
			.append('.');
		if (request.hasMedia()) {
			notice.append(
					" media_url was not fetched: this server stores only photos uploaded to " + "/api/v1/incidents.");
		}
		return notice.toString();
	}

	/** Compared in constant time, so response timing does not reveal a key's prefix. */
	private boolean validKey(String candidate) {
		if (candidate == null || candidate.isBlank()) {
			return false;
		}
		byte[] given = candidate.strip().getBytes(StandardCharsets.UTF_8);
		boolean valid = false;
		for (byte[] key : this.apiKeys) {
			valid |= MessageDigest.isEqual(key, given);
		}
		return valid;
	}

	private static ResponseEntity<String> document(Format as, HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(as.mediaType()).body(body);
	}

}
