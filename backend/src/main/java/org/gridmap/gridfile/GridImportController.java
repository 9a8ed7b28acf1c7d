package org.gridmap.gridfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/grids/imports/preview}: reads a grid file (multipart: {@code file},
 * {@code crs}, optional {@code format}; or the raw file with {@code ?crs=&format=}) and
 * answers with what an import would take, writing nothing: the grids as a GeoJSON
 * FeatureCollection in WGS 84 and a parse report (format, coordinate systems, counts,
 * invalid geometries with reason and location, notes).
 */
@RestController
class GridImportController {

	private final GridFiles files;

	private final GridfileLimits limits;

	GridImportController(GridFiles files, GridfileLimits limits) {
		this.files = files;
		this.limits = limits;
	}

	@PostMapping(path = "/api/v1/grids/imports/preview", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Preview> preview(ServerHttpRequest request) {
		return Mono.usingWhen(Upload.receive(request, this.limits.maxBytes()),
				(upload) -> Mono
					.fromCallable(() -> this.files.read(upload.file(), upload.filename(), upload.parameter("format"),
							upload.parameter("crs")))
					.subscribeOn(Schedulers.boundedElastic())
					.map((parsed) -> Preview.of(parsed, upload.bytes())),
				(upload) -> Mono.fromRunnable(upload::close).subscribeOn(Schedulers.boundedElastic()));
	}

	/** The parse report and the grids as GeoJSON. */
	record Preview(String format, String crs, String declaredCrs, long bytes, int features, long vertices,
			List<ParsedFile.InvalidGeometry> invalid, List<String> notes, Map<String, Object> collection) {

		static Preview of(ParsedFile parsed, long bytes) {
			List<Map<String, Object>> features = new ArrayList<>();
			for (GridRecord grid : parsed.grids()) {
				Map<String, Object> properties = new LinkedHashMap<>();
				properties.put("feature", grid.feature());
				properties.put("code", grid.code());
				properties.put("name", grid.name());
				properties.put("type", grid.type());
				properties.put("households", grid.households());
				properties.put("population", grid.population());
				properties.put("communityCode", grid.parentCode());
				properties.put("valid", parsed.invalid().stream().noneMatch((i) -> i.feature() == grid.feature()));
				Map<String, Object> feature = new LinkedHashMap<>();
				feature.put("type", "Feature");
				feature.put("id", grid.code());
				feature.put("geometry", GeoJsonGeometry.of(grid.geometry()));
				feature.put("properties", properties);
				features.add(feature);
			}
			Map<String, Object> collection = new LinkedHashMap<>();
			collection.put("type", "FeatureCollection");
			collection.put("features", features);
			return new Preview(parsed.format(), parsed.crs(), parsed.declared(), bytes, parsed.grids().size(),
					parsed.vertices(), parsed.invalid(), parsed.notes(), collection);
		}

	}

}
