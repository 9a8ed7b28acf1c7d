package org.gridmap.ogc;

/**
 * The coordinate reference systems that features and bbox may be expressed in (OGC API –
 * Features Part 2). EPSG:4326 and EPSG:4490 (CGCS2000, equal to WGS 84 within
 * centimetres) are latitude-first by their EPSG definitions, so their axes are swapped on
 * the way out and on the way in; CRS84 is longitude-first, as GeoJSON is.
 */
enum OgcCrs {

	CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", false),

	EPSG_4326("http://www.opengis.net/def/crs/EPSG/0/4326", true),

	EPSG_4490("http://www.opengis.net/def/crs/EPSG/0/4490", true);

	private final String uri;

	private final boolean latitudeFirst;

	OgcCrs(String uri, boolean latitudeFirst) {
		this.uri = uri;
		this.latitudeFirst = latitudeFirst;
	}

	String uri() {
		return this.uri;
	}

	boolean latitudeFirst() {
		return this.latitudeFirst;
	}

	/**
	 * @throws OgcProblem for a CRS this service does not offer
	 */
	static OgcCrs parse(String parameter, String value) {
		if (value == null || value.isBlank()) {
			return CRS84;
		}
		String uri = value.strip();
		if (uri.startsWith("[") && uri.endsWith("]")) {
			// Safe CURIE form, e.g. [EPSG:4326].
			uri = uri.substring(1, uri.length() - 1);
		}
		for (OgcCrs crs : values()) {
			if (crs.uri.equals(uri) || crs.uri.replace("http://", "https://").equals(uri)
					|| crs.curie().equalsIgnoreCase(uri)) {
				return crs;
			}
		}
		throw OgcProblem.invalid(parameter, "'" + parameter + "' must be one of " + CRS84.uri + ", " + EPSG_4326.uri
				+ ", " + EPSG_4490.uri + "; got '" + OgcProblem.abbreviate(value) + "'");
	}

	private String curie() {
		return (this == CRS84) ? "OGC:CRS84" : "EPSG:" + this.uri.substring(this.uri.lastIndexOf('/') + 1);
	}

}
