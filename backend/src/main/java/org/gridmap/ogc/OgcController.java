package org.gridmap.ogc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.gridmap.geo.JsonText;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OGC API – Features (Part 1 core, GeoJSON, OpenAPI 3.0; Part 2 crs and bbox-crs) under
 * {@code /ogc}. Metadata documents are small maps; feature collections are streamed: the
 * envelope is written here around features that PostGIS writes, a portion at a time, so a
 * page of 10,000 grids needs no more memory than a page of ten.
 */
@RestController
@RequestMapping("/ogc")
class OgcController {

	static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

	static final MediaType OPENAPI = MediaType.parseMediaType("application/vnd.oai.openapi+json;version=3.0");

	static final List<String> CONFORMANCE = List.of("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
			"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
			"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
			"http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");

	/** Features joined into one buffer before writing, to keep writes few and large. */
	private static final int FEATURES_PER_WRITE = 64;

	private static final String HEADER = "{\"type\":\"FeatureCollection\",\"features\":[";

	private static final String OPENAPI_DOCUMENT = resource("openapi.json");

	private final FeatureRepository repository;

	private final ZoneId zone;

	OgcController(FeatureRepository repository, @Value("${gridmap.time-zone}") ZoneId zone) {
		this.repository = repository;
		this.zone = zone;
	}

	@GetMapping(path = { "", "/" }, produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> landing(ServerHttpRequest request) {
		String base = base(request);
		Map<String, Object> landing = new LinkedHashMap<>();
		landing.put("title", "Gridmap 网格地图");
		landing.put("description",
				"Grids (网格), their administrative hierarchy and service stations, as OGC API – Features.");
		landing.put("links",
				List.of(link(base, "self", MediaType.APPLICATION_JSON_VALUE, "This document"),
						link(base + "/api", "service-desc", OPENAPI.toString(), "The API definition (OpenAPI 3.0)"),
						link(base + "/conformance", "conformance", MediaType.APPLICATION_JSON_VALUE,
								"Conformance classes"),
						link(base + "/collections", "data", MediaType.APPLICATION_JSON_VALUE, "Collections")));
		return landing;
	}

	@GetMapping(path = "/conformance", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> conformance() {
		return Map.of("conformsTo", CONFORMANCE);
	}

	@GetMapping(path = "/api")
	ResponseEntity<String> api() {
		return ResponseEntity.ok().contentType(OPENAPI).body(OPENAPI_DOCUMENT);
	}

	@GetMapping(path = "/collections", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Map<String, Object>> collections(ServerHttpRequest request) {
		String base = base(request);
		return this.repository.extents().map((extents) -> {
			List<Map<String, Object>> collections = new ArrayList<>();
			for (OgcCollection collection : OgcCollection.values()) {
				collections.add(describe(base, collection, extents.get(collection.id())));
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("links", List
				.of(link(base + "/collections", "self", MediaType.APPLICATION_JSON_VALUE, "The feature collections")));
			body.put("collections", collections);
			body.put("crs", crsList());
			return body;
		});
	}

	@GetMapping(path = "/collections/{collectionId}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Map<String, Object>> collection(@PathVariable String collectionId, ServerHttpRequest request) {
		OgcCollection collection = OgcCollection.find(collectionId);
		String base = base(request);
		return this.repository.extents().map((extents) -> describe(base, collection, extents.get(collection.id())));
	}

	@GetMapping(path = "/collections/{collectionId}/items",
			produces = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<Flux<DataBuffer>>> items(@PathVariable String collectionId, ServerWebExchange exchange) {
		OgcCollection collection = OgcCollection.find(collectionId);
		ServerHttpRequest request = exchange.getRequest();
		ItemsQuery query = ItemsQuery.items(collection, request.getQueryParams(), this.zone);
		DataBufferFactory buffers = exchange.getResponse().bufferFactory();
		return this.repository.count(query).map((matched) -> {
			AtomicLong returned = new AtomicLong();
			// Each portion's features are copied as bytes into one pooled buffer of the
			// right size (no heap-to-direct copy when Netty writes it).
			Flux<DataBuffer> features = this.repository.page(query).buffer(FEATURES_PER_WRITE).map((portion) -> {
				int size = portion.size();
				for (Utf8Text feature : portion) {
					size += feature.bytes().length;
				}
				DataBuffer out = buffers.allocateBuffer(size);
				for (Utf8Text feature : portion) {
					if (returned.getAndIncrement() > 0) {
						out.write((byte) ',');
					}
					out.write(feature.bytes());
				}
				return out;
			});
			Flux<DataBuffer> document = Flux.concat(Mono.fromSupplier(() -> utf8(buffers, HEADER)), features,
					Mono.fromSupplier(() -> utf8(buffers, footer(request, query, matched, returned.get()))));
			return ResponseEntity.ok()
				.contentType(GEO_JSON)
				.header("Content-Crs", "<" + query.crs().uri() + ">")
				.body(document.doOnDiscard(DataBuffer.class, DataBufferUtils::release));
		});
	}

	@GetMapping(path = "/collections/{collectionId}/items/{featureId}",
			produces = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<String>> item(@PathVariable String collectionId, @PathVariable String featureId,
			ServerHttpRequest request) {
		OgcCollection collection = OgcCollection.find(collectionId);
		ItemsQuery query = ItemsQuery.item(collection, featureId, request.getQueryParams(), this.zone);
		String base = base(request) + "/collections/" + collection.id();
		return this.repository.feature(query)
			.switchIfEmpty(Mono.error(() -> OgcProblem.noFeature(collection.id(), featureId)))
			.map((feature) -> {
				String self = UriComponentsBuilder.fromUri(request.getURI()).build().toUriString();
				String links = ",\"links\":[" + linkJson(self, "self", GEO_JSON.toString(), "This feature") + ","
						+ linkJson(base, "collection", MediaType.APPLICATION_JSON_VALUE, collection.title()) + "]}";
				return ResponseEntity.ok()
					.contentType(GEO_JSON)
					.header("Content-Crs", "<" + query.crs().uri() + ">")
					.body(feature.substring(0, feature.length() - 1) + links);
			});
	}

	private static DataBuffer utf8(DataBufferFactory buffers, String text) {
		return buffers.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private String footer(ServerHttpRequest request, ItemsQuery query, long matched, long returned) {
		StringBuilder out = new StringBuilder(1024);
		out.append("],\"numberMatched\":")
			.append(matched)
			.append(",\"numberReturned\":")
			.append(returned)
			.append(",\"timeStamp\":")
			.append(JsonText.quote(Instant.now().toString()))
			.append(",\"links\":[")
			.append(linkJson(pageUri(request, query.offset()), "self", GEO_JSON.toString(), "This page"));
		if (query.offset() + returned < matched) {
			out.append(',')
				.append(linkJson(pageUri(request, query.offset() + query.limit()), "next", GEO_JSON.toString(),
						"Next page"));
		}
		if (query.offset() > 0) {
			out.append(',')
				.append(linkJson(pageUri(request, Math.max(0, query.offset() - query.limit())), "prev",
						GEO_JSON.toString(), "Previous page"));
		}
		String collection = base(request) + "/collections/" + query.collection().id();
		out.append(',')
			.append(linkJson(collection, "collection", MediaType.APPLICATION_JSON_VALUE, query.collection().title()));
		return out.append("]}").toString();
	}

	private static String pageUri(ServerHttpRequest request, long offset) {
		return UriComponentsBuilder.fromUri(request.getURI()).replaceQueryParam("offset", offset).build().toUriString();
	}

	private Map<String, Object> describe(String base, OgcCollection collection, double[] extent) {
		String href = base + "/collections/" + collection.id();
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("id", collection.id());
		description.put("title", collection.title());
		description.put("description", collection.description());
		description.put("itemType", "feature");
		if (extent != null && extent.length == 4) {
			description.put("extent", Map.of("spatial", Map.of("bbox",
					List.of(List.of(extent[0], extent[1], extent[2], extent[3])), "crs", OgcCrs.CRS84.uri())));
		}
		description.put("crs", crsList());
		description.put("storageCrs", OgcCrs.CRS84.uri());
		description.put("geometryType", collection.geometryType());
		description.put("links", List.of(link(href, "self", MediaType.APPLICATION_JSON_VALUE, collection.title()),
				link(href + "/items", "items", GEO_JSON.toString(), "Features of " + collection.id())));
		return description;
	}

	private static List<String> crsList() {
		return List.of(OgcCrs.CRS84.uri(), OgcCrs.EPSG_4326.uri(), OgcCrs.EPSG_4490.uri());
	}

	/**
	 * Absolute base of this API, from the request (behind a proxy: forwarded headers).
	 */
	private static String base(ServerHttpRequest request) {
		return UriComponentsBuilder.fromUri(request.getURI())
			.replacePath("/ogc")
			.replaceQuery(null)
			.build()
			.toUriString();
	}

	private static Map<String, String> link(String href, String rel, String type, String title) {
		Map<String, String> link = new LinkedHashMap<>();
		link.put("href", href);
		link.put("rel", rel);
		link.put("type", type);
		link.put("title", title);
		return link;
	}

	private static String linkJson(String href, String rel, String type, String title) {
		return "{\"href\":" + JsonText.quote(href) + ",\"rel\":" + JsonText.quote(rel) + ",\"type\":"
				+ JsonText.quote(type) + ",\"title\":" + JsonText.quote(title) + "}";
	}

	private static String resource(String name) {
		try {
			return new ClassPathResource(name, OgcController.class).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
