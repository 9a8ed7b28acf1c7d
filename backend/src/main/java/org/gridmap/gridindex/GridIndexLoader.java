package org.gridmap.gridindex;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.gridmap.database.SqlScript;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Reads what the index needs for one instant (grids with their documents, stations, the
 * period in which none of it changes) in one read-only repeatable-read transaction, so
 * the three reads see the same committed state, and builds the index off the event loop.
 */
@Component
class GridIndexLoader {

	private static final String GRIDS = SqlScript.load(GridIndexLoader.class, "grids.sql");

	private static final String STATIONS = SqlScript.load(GridIndexLoader.class, "stations.sql");

	private static final String PERIOD = SqlScript.load(GridIndexLoader.class, "period.sql");

	private final DatabaseClient db;

	private final TransactionalOperator snapshot;

	GridIndexLoader(DatabaseClient db, ReactiveTransactionManager transactions) {
		this.db = db;
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		definition.setReadOnly(true);
		this.snapshot = TransactionalOperator.create(transactions, definition);
	}

	/** The index of what is valid at {@code at}. */
	Mono<GridIndex> load(Instant at) {
		OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
		Mono<Instant[]> period = this.db.sql(PERIOD)
			.bind(0, when)
			.map((row,
					meta) -> new Instant[] { instant(row.get("valid_from", OffsetDateTime.class)),
							instant(row.get("valid_until", OffsetDateTime.class)) })
			.one();
		Mono<List<GridIndex.Grid>> grids = this.db.sql(GRIDS)
			.bind(0, when)
			.map((row, meta) -> new GridIndex.Grid(row.get("code", String.class),
					geometry(row.get("wkb", ByteBuffer.class)), row.get("doc", String.class)))
			.all()
			.collectList();
		Mono<List<GridIndex.Station>> stations = this.db.sql(STATIONS)
			.map((row, meta) -> new GridIndex.Station(row.get("code", String.class), row.get("lon", Double.class),
					row.get("lat", Double.class), row.get("doc", String.class)))
			.all()
			.collectList();
		Mono<Loaded> read = period
			.flatMap((p) -> grids.flatMap((g) -> stations.map((s) -> new Loaded(p[0], p[1], g, s))));
		return this.snapshot.transactional(read)
			.publishOn(Schedulers.boundedElastic())
			.map((loaded) -> GridIndex.build(loaded.from(), loaded.until(), loaded.grids(), loaded.stations()));
	}

	private static Instant instant(OffsetDateTime value) {
		return (value != null) ? value.toInstant() : null;
	}

	private static Geometry geometry(ByteBuffer wkb) {
		byte[] bytes = new byte[wkb.remaining()];
		wkb.get(bytes);
		try {
			return new WKBReader().read(bytes);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Unreadable grid geometry: " + ex.getMessage(), ex);
		}
	}

	private record Loaded(Instant from, Instant until, List<GridIndex.Grid> grids, List<GridIndex.Station> stations) {
	}

}
