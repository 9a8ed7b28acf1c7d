package org.gridmap.lookup;

import java.time.OffsetDateTime;
import java.util.List;

import org.gridmap.database.ReadDatabase;
import org.gridmap.database.SqlScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Point-in-grid queries; the SQL is in lookup.sql and lookup-batch.sql next to this
 * class.
 */
@Repository
class LookupRepository {

	private static final String LOOKUP = SqlScript.load(LookupRepository.class, "lookup.sql");

	private static final String LOOKUP_BATCH = SqlScript.load(LookupRepository.class, "lookup-batch.sql");

	private final DatabaseClient db;

	LookupRepository(ReadDatabase read) {
		this.db = read.client();
	}

	/** The lookup document for a WGS 84 point, or empty when it is in no grid. */
	Mono<String> lookup(double lon, double lat, OffsetDateTime asOf) {
		return this.db.sql(LOOKUP)
			.bind(0, lon)
			.bind(1, lat)
			.bind(2, asOf)
			.map((row, meta) -> row.get(0, String.class))
			.one();
	}

	/**
	 * One entry per point, in order; an entry's document is null when no grid holds it.
	 */
	Flux<BatchRow> lookupAll(List<LookupPoint> points, OffsetDateTime asOf) {
		Double[] lons = points.stream().map(LookupPoint::wgsLon).toArray(Double[]::new);
		Double[] lats = points.stream().map(LookupPoint::wgsLat).toArray(Double[]::new);
		return this.db.sql(LOOKUP_BATCH)
			.bind(0, lons)
			.bind(1, lats)
			.bind(2, asOf)
			.map((row, meta) -> new BatchRow(row.get("ord", Integer.class) - 1, row.get("doc", String.class)))
			.all();
	}

	record BatchRow(int index, String document) {
	}

}
