package org.gridmap.gridfile;

import java.time.OffsetDateTime;
import java.util.List;

import org.gridmap.database.SqlScript;
import org.gridmap.plan.PlanDrafts;
import org.locationtech.jts.io.WKBWriter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/** Live grids as export rows, streamed in portions from PostGIS. */
@Repository
class GridExportRepository {

	/** Rows are fetched this many at a time, so a district's export streams. */
	static final int FETCH_SIZE = 100;

	private static final String FORMAT = SqlScript.load(GridExportRepository.class, "export-format.sql");

	private static final String LIVE = "WITH src AS (\n" + SqlScript.load(GridExportRepository.class, "export-live.sql")
			+ "\n)\n" + FORMAT;

	private static final String DRAFT = "WITH src AS (\n"
			+ SqlScript.load(GridExportRepository.class, "export-draft.sql") + "\n)\n" + FORMAT;

	private static final String AREA_EXISTS = SqlScript.load(GridExportRepository.class, "area-exists.sql");

	private final DatabaseClient db;

	GridExportRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * @param format {@code geojson}, {@code csv} (text filled) or {@code gpkg} (wkb
	 * filled)
	 */
	Flux<ExportRow> rows(String format, String street, String community, OffsetDateTime at) {
		GenericExecuteSpec spec = this.db.sql(LIVE).bind("format", format).bind("at", at);
		spec = (street != null) ? spec.bind("street", street) : spec.bindNull("street", String.class);
		spec = (community != null) ? spec.bind("community", community) : spec.bindNull("community", String.class);
		return rows(spec);
	}

	/** A draft plan's grids, written by PostGIS like live ones. */
	Flux<ExportRow> draftRows(String format, List<PlanDrafts.Grid> grids, OffsetDateTime validFrom) {
		int n = grids.size();
		String[] codes = new String[n];
		String[] names = new String[n];
		String[] types = new String[n];
		Integer[] households = new Integer[n];
		Integer[] populations = new Integer[n];
		String[] communities = new String[n];
		String[] wkbs = new String[n];
		WKBWriter writer = new WKBWriter();
		for (int i = 0; i < n; i++) {
			PlanDrafts.Grid grid = grids.get(i);
			codes[i] = (grid.code() != null) ? grid.code() : grid.plannedCode();
			names[i] = grid.name();
			types[i] = grid.type();
			households[i] = grid.households();
			populations[i] = grid.population();
			communities[i] = grid.community();
			wkbs[i] = WKBWriter.toHex(writer.write(grid.geometry()));
		}
		GenericExecuteSpec spec = this.db.sql(DRAFT)
			.bind("format", format)
			.bind("codes", codes)
			.bind("names", names)
			.bind("types", types)
			.bind("households", households)
			.bind("populations", populations)
			.bind("communities", communities)
			.bind("wkbs", wkbs);
		spec = (validFrom != null) ? spec.bind("validFrom", validFrom)
				: spec.bindNull("validFrom", OffsetDateTime.class);
		return rows(spec);
	}

	private static Flux<ExportRow> rows(GenericExecuteSpec spec) {
		return spec.filter((statement, next) -> next.execute(statement.fetchSize(FETCH_SIZE)))
			.map((row, meta) -> new ExportRow(row.get("code", String.class), row.get("name", String.class),
					row.get("grid_type", String.class), row.get("households", Integer.class),
					row.get("population", Integer.class), row.get("community_code", String.class),
					row.get("street_code", String.class), row.get("valid_from", OffsetDateTime.class),
					row.get("text", String.class), bytes(row.get("wkb"))))
			.all();
	}

	Mono<Boolean> areaExists(String code, OffsetDateTime at) {
		return this.db.sql(AREA_EXISTS)
			.bind("code", code)
			.bind("at", at)
			.map((row, meta) -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
			.one();
	}

	private static byte[] bytes(Object value) {
		if (value instanceof java.nio.ByteBuffer buffer) {
			byte[] out = new byte[buffer.remaining()];
			buffer.get(out);
			return out;
		}
		return (byte[]) value;
	}

}
