package org.gridmap.lookup;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.gridmap.geo.InputCrs;
import org.gridmap.gridindex.GridIndex;
import org.gridmap.gridindex.LiveGridIndex;
import org.gridmap.geo.JsonText;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /api/v1/lookup}: which grid a point is in, with its chain, public staff, hotline
 * and nearest station. GET answers one point, POST many. The JSON document comes from the
 * in-memory grid index when it covers the instant asked about (the live grids), else from
 * PostGIS; both write the same bytes. This class checks input, converts the coordinate
 * system, picks the path and wraps the answer. Header {@code X-Lookup-Source} says which
 * path answered ({@code memory} or {@code database}).
 */
@RestController
@RequestMapping(path = "/api/v1/lookup", produces = MediaType.APPLICATION_JSON_VALUE)
class LookupController {

	static final String SOURCE_HEADER = "X-Lookup-Source";

	private final LookupRepository repository;

	private final LiveGridIndex index;

	private final ZoneId zone;

	private final int maxBatch;

	LookupController(LookupRepository repository, LiveGridIndex index, @Value("${gridmap.time-zone}") ZoneId zone,
			@Value("${gridmap.lookup.max-batch}") int maxBatch) {
		this.repository = repository;
		this.index = index;
		this.zone = zone;
		this.maxBatch = maxBatch;
	}

	/**
	 * One point. The parameters are read from the exchange rather than resolved one by
	 * one as {@code @RequestParam}s: on the in-memory path Spring's argument resolution
	 * cost more than the lookup itself.
	 */
	private static final String[] PARAMETERS = { "lon", "lat", "crs", "asOf" };

	@GetMapping
	Mono<String> lookup(ServerWebExchange exchange) {
		MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
		for (String name : PARAMETERS) {
			List<String> values = query.get(name);
			if (values != null && values.size() > 1) {
				// Which one would count is a guess; a point given twice is a client's
				// mistake.
				throw LookupProblem.invalid(name, "Parameter '" + name + "' is given more than once");
			}
		}
		String lon = query.getFirst("lon");
		String lat = query.getFirst("lat");
		String crs = query.getFirst("crs");
		String asOf = query.getFirst("asOf");
		ServerHttpResponse response = exchange.getResponse();
		InputCrs inputCrs = LookupPoint.crs(crs);
		OffsetDateTime instant = LookupPoint.asOf(asOf, this.zone);
		LookupPoint point = LookupPoint.of(LookupPoint.coordinate("lon", lon), LookupPoint.coordinate("lat", lat),
				inputCrs, instant, asOf != null && !asOf.isBlank());
		GridIndex grids = this.index.covering(instant.toInstant());
		response.getHeaders().set(SOURCE_HEADER, (grids != null) ? "memory" : "database");
		if (grids != null) {
			int slot = grids.locate(point.wgsLon(), point.wgsLat());
			if (slot < 0) {
				// Written here rather than thrown: a quarter of random points lie in no
				// grid,
				// and the exception handling path cost several times the lookup itself.
				response.setStatusCode(HttpStatus.NOT_FOUND);
				response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
				return Mono.just(LookupProblem.notInAnyGrid(point).json(exchange.getRequest().getPath().value()));
			}
			StringBuilder out = new StringBuilder(2048).append("{\"query\":").append(point.queryJson()).append(',');
			return Mono.just(grids.appendMembers(out, slot, point.wgsLon(), point.wgsLat()).toString());
		}
		return this.repository.lookup(point.wgsLon(), point.wgsLat(), instant)
			.switchIfEmpty(Mono.error(() -> LookupProblem.notInAnyGrid(point)))
			.map((document) -> "{\"query\":" + point.queryJson() + "," + document.substring(1));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> lookupAll(@RequestBody BatchRequest request, ServerHttpResponse response) {
		InputCrs inputCrs = LookupPoint.crs(request.crs());
		OffsetDateTime instant = LookupPoint.asOf(request.asOf(), this.zone);
		List<BatchPoint> given = (request.points() != null) ? request.points() : List.of();
		if (given.isEmpty() || given.size() > this.maxBatch) {
			throw LookupProblem.invalid("points",
					"'points' must hold between 1 and " + this.maxBatch + " points, got " + given.size());
		}
		List<LookupPoint> points = new ArrayList<>(given.size());
		for (int i = 0; i < given.size(); i++) {
			BatchPoint p = given.get(i);
			if (p == null) {
				throw LookupProblem.invalid("points[" + i + "]", "points[" + i + "] is null");
			}
			String prefix = "points[" + i + "].";
			points.add(LookupPoint.of(LookupPoint.coordinate(prefix + "lon", p.lon()),
					LookupPoint.coordinate(prefix + "lat", p.lat()), inputCrs, instant, true));
		}
		GridIndex grids = this.index.covering(instant.toInstant());
		response.getHeaders().set(SOURCE_HEADER, (grids != null) ? "memory" : "database");
		if (grids != null) {
			List<LookupRepository.BatchRow> rows = new ArrayList<>(points.size());
			for (int i = 0; i < points.size(); i++) {
				LookupPoint point = points.get(i);
				int slot = grids.locate(point.wgsLon(), point.wgsLat());
				rows.add(new LookupRepository.BatchRow(i,
						(slot < 0) ? null
								: grids.appendDocument(new StringBuilder(1024), slot, point.wgsLon(), point.wgsLat())
									.toString()));
			}
			return Mono.just(batchAnswer(inputCrs, given, points, rows));
		}
		return this.repository.lookupAll(points, instant)
			.collectList()
			.map((rows) -> batchAnswer(inputCrs, given, points, rows));
	}

	private static String batchAnswer(InputCrs inputCrs, List<BatchPoint> given, List<LookupPoint> points,
			List<LookupRepository.BatchRow> rows) {
		StringBuilder out = new StringBuilder(rows.size() * 600);
		out.append("{\"query\":{\"crs\":")
			.append(JsonText.quote(inputCrs.id()))
			.append(",\"asOf\":")
			.append(JsonText.quote(points.get(0).asOfText()))
			.append(",\"count\":")
			.append(points.size())
			.append("},\"results\":[");
		for (LookupRepository.BatchRow row : rows) {
			LookupPoint point = points.get(row.index());
			out.append((row.index() > 0) ? ",{" : "{")
				.append("\"index\":")
				.append(row.index())
				.append(",\"id\":")
				.append(JsonText.quote(given.get(row.index()).id()))
				.append(",\"query\":")
				.append(point.queryJson())
				.append(",\"found\":")
				.append(row.document() != null);
			if (row.document() != null) {
				out.append(',').append(row.document(), 1, row.document().length());
			}
			else {
				out.append('}');
			}
		}
		return out.append("]}").toString();
	}

	/** Body of the batch lookup: a crs and asOf for all points, and the points. */
	record BatchRequest(String crs, String asOf, List<BatchPoint> points) {
	}

	/** A point of a batch; {@code id} is the client's own and is echoed back. */
	record BatchPoint(String id, Double lon, Double lat) {
	}

}
