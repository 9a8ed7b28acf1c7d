package org.gridmap.open311;

import org.springframework.http.MediaType;

/**
 * The two GeoReport formats, chosen by the resource's suffix ({@code services.xml}). XML
 * is the one the spec requires; JSON is what most clients use.
 */
enum Format {

	JSON(MediaType.parseMediaType("application/json;charset=utf-8")),

	XML(MediaType.parseMediaType("text/xml;charset=utf-8"));

	private final MediaType mediaType;

	Format(MediaType mediaType) {
		this.mediaType = mediaType;
	}

	MediaType mediaType() {
		return this.mediaType;
	}

	/**
	 * @throws Open311Problem (404) for any other suffix
	 */
	static Format of(String suffix) {
		return switch (suffix) {
			case "json" -> JSON;
			case "xml" -> XML;
			default -> throw Open311Problem.unknownFormat(suffix);
		};
	}

}
