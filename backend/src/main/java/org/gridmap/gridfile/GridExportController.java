package org.gridmap.gridfile;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.gridmap.geo.AsOf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code GET /api/v1/grids/export?format=geojson|gpkg|csv[&street=|&community=][&asOf=]}:
 * the live grids (at {@code asOf}, default now) of the district, a street or a community,
 * as a file to download ({@code Content-Disposition: attachment}).
 */
@RestController
class GridExportController {

	private final GridExportRepository repository;

	private final ZoneId zone;

	GridExportController(GridExportRepository repository, @Value("${gridmap.time-zone}") ZoneId zone) {
		this.repository = repository;
		this.zone = zone;
	}

	@GetMapping("/api/v1/grids/export")
	Mono<ResponseEntity<Flux<DataBuffer>>> export(@RequestParam(required = false) String format,
			@RequestParam(required = false) String street, @RequestParam(required = false) String community,
			@RequestParam(required = false) String asOf, ServerWebExchange exchange) {
		ExportFormat kind = ExportFormat.parse(format);
		if (street != null && community != null) {
			throw GridfileProblem.parameter("community", "Give street or community, not both.");
		}
		if (street != null && !street.matches("[0-9]{9}")) {
			throw GridfileProblem.parameter("street", "'street' is a 9-digit street or township code.");
		}
		if (community != null && !community.matches("[0-9]{12}")) {
			throw GridfileProblem.parameter("community", "'community' is a 12-digit community or village code.");
		}
		OffsetDateTime at;
		try {
			at = AsOf.parse(asOf, this.zone);
		}
		catch (IllegalArgumentException ex) {
			throw GridfileProblem.parameter("asOf", ex.getMessage());
		}
		String area = (street != null) ? street : community;
		String name = "grids" + ((area != null) ? "-" + area : "") + "-"
				+ LocalDate.ofInstant(at.toInstant(), this.zone);
		Mono<Boolean> exists = (area == null) ? Mono.just(true) : this.repository.areaExists(area, at);
		return exists.map((found) -> {
			if (!found) {
				throw GridfileProblem.notFound((street != null) ? "street" : "community", area);
			}
			Flux<DataBuffer> body = ExportWriter.write(kind, name, this.repository.rows(kind.id, street, community, at),
					exchange.getResponse().bufferFactory());
			return ResponseEntity.status(HttpStatus.OK)
				.contentType(kind.mediaType)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(name + "." + kind.extension).build().toString())
				.body(body);
		});
	}

}
