package org.gridmap.gridfile;

import java.util.Locale;

import org.springframework.http.MediaType;

/** The formats grids are exported in, with their media type and file extension. */
enum ExportFormat {

	GEOJSON("geojson", MediaType.parseMediaType("application/geo+json"), "geojson"),

	/** The registered GeoPackage media type (OGC 12-128). */
	GPKG("gpkg", MediaType.parseMediaType("application/geopackage+sqlite3"), "gpkg"),

	/** UTF-8 with a byte-order mark, so that Excel reads the Chinese names right. */
	CSV("csv", MediaType.parseMediaType("text/csv;charset=UTF-8"), "csv");

	final String id;

	final MediaType mediaType;

	final String extension;

	ExportFormat(String id, MediaType mediaType, String extension) {
		this.id = id;
		this.mediaType = mediaType;
		this.extension = extension;
	}

	static ExportFormat parse(String text) {
		String value = (text == null || text.isBlank()) ? "geojson" : text.strip().toLowerCase(Locale.ROOT);
		return switch (value) {
			case "geojson", "json" -> GEOJSON;
			case "gpkg", "geopackage" -> GPKG;
			case "csv" -> CSV;
			default -> throw GridfileProblem.parameter("format",
					"Unknown export format '" + GridfileProblem.abbreviate(value) + "'; use geojson, gpkg or csv.");
		};
	}

}
