package org.gridmap.gridfile;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The bounds every grid file is read within (documented in
 * {@code config/gridmap.env.example}); past any of them the upload is refused with 413
 * and nothing is written. Readers stop as soon as a bound is crossed, so a hostile file
 * costs at most these amounts of work.
 *
 * @param maxBytes the uploaded file, and for a zip the sum of its unpacked entries
 * @param maxFeatures grids in one file
 * @param maxVertices positions in the whole file
 * @param maxFeatureVertices positions in one grid
 */
@Component
record GridfileLimits(long maxBytes, int maxFeatures, long maxVertices, int maxFeatureVertices) {

	/**
	 * Arrays within arrays in a GeoJSON file: a FeatureCollection's MultiPolygon
	 * coordinates sit 7 levels deep; property values get a few levels more.
	 */
	static final int MAX_JSON_DEPTH = 16;

	/** Entries in a zipped Shapefile (a shapefile has at most 8 companion files). */
	static final int MAX_ZIP_ENTRIES = 32;

	@Autowired
	GridfileLimits(@Value("${gridmap.gridfile.max-bytes}") org.springframework.util.unit.DataSize maxBytes,
			@Value("${gridmap.gridfile.max-features}") int maxFeatures,
			@Value("${gridmap.gridfile.max-vertices}") long maxVertices,
			@Value("${gridmap.gridfile.max-feature-vertices}") int maxFeatureVertices) {
		this(maxBytes.toBytes(), maxFeatures, maxVertices, maxFeatureVertices);
	}

}
