package org.gridmap.ogc;

import java.util.LinkedHashMap;
import java.util.Map;

import org.gridmap.database.ReadDatabase;
import org.gridmap.database.SqlScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * Runs a collection's selection (its .sql file) for a page, a count or one feature. The
 * wrappers below are fixed text; everything that comes from a request is a bound value.
 */
@Repository
class FeatureRepository {

	/** Rows are fetched in portions of this many, so a 10,000-feature page streams. */
	static final int FETCH_SIZE = 250;

	private static final String EXTENT = SqlScript.load(FeatureRepository.class, "extent.sql");

	private final DatabaseClient db;

	FeatureRepository(ReadDatabase read) {
		this.db = read.client();
	}

	/**
	 * The features of one page as GeoJSON text (UTF-8 bytes, as PostgreSQL wrote them),
	 * ordered by id, streamed as they arrive.
	 */
	Flux<Utf8Text> page(ItemsQuery query) {
		String sql = "SELECT feature FROM (" + query.collection().selection()
				+ ") s ORDER BY id LIMIT :limit OFFSET :offset";
		return bind(this.db.sql(sql), query).bind("limit", query.limit())
			.bind("offset", query.offset())
			.filter((statement, next) -> next.execute(statement.fetchSize(FETCH_SIZE)))
			.map((row, meta) -> row.get(0, Utf8Text.class))
			.all();
	}

	Mono<Long> count(ItemsQuery query) {
		String sql = "SELECT count(*) FROM (" + query.collection().selection() + ") s";
		return bind(this.db.sql(sql), query).map((row, meta) -> row.get(0, Long.class)).one();
	}

	/** One feature's GeoJSON, or empty. */
	Mono<String> feature(ItemsQuery query) {
		String sql = "SELECT feature FROM (" + query.collection().selection() + ") s";
		return bind(this.db.sql(sql), query).map((row, meta) -> row.get(0, String.class)).one();
	}

	/** Each collection's extent as {minx, miny, maxx, maxy}; absent when it is empty. */
	Mono<Map<String, double[]>> extents() {
		return this.db.sql(EXTENT).map((row, meta) -> {
			Double minx = row.get("minx", Double.class);
			double[] box = (minx != null) ? new double[] { minx, row.get("miny", Double.class),
					row.get("maxx", Double.class), row.get("maxy", Double.class) } : null;
			return Map.entry(row.get("id", String.class), (box != null) ? box : new double[0]);
		}).all().collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
	}

	private static GenericExecuteSpec bind(GenericExecuteSpec spec, ItemsQuery query) {
		OgcCollection collection = query.collection();
		spec = spec.bind("flip", query.crs().latitudeFirst());
		if (collection.level() != null) {
			spec = spec.bind("level", collection.level());
		}
		if (collection.versioned()) {
			spec = spec.bind("at", query.at());
		}
		spec = (query.featureId() != null) ? spec.bind("code", query.featureId()) : spec.bindNull("code", String.class);
		double[] bbox = query.bbox();
		String[] names = { "minx", "miny", "maxx", "maxy" };
		for (int i = 0; i < names.length; i++) {
			spec = (bbox != null) ? spec.bind(names[i], bbox[i]) : spec.bindNull(names[i], Double.class);
		}
		return spec;
	}

}
