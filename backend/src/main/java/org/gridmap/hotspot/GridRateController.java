package org.gridmap.hotspot;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import org.gridmap.database.ReadDatabase;
import org.gridmap.database.SqlScript;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /api/v1/hotspots/grids}: the grid choropleth, incidents per 1,000 households in
 * each grid over a window ({@code from}, {@code to}, {@code matter}, {@code status}, as
 * for the hotspot cells; optional {@code bbox}), as GeoJSON grid polygons with
 * {@code count}, {@code households}, {@code rate} and {@code class}, all computed in SQL
 * (grid-rates.sql).
 *
 * <p>
 * Classes are quantiles: up to five, whose upper bounds ({@code classification.breaks},
 * lowest rate in {@code classification.min}) are the 20/40/60/80/100 % percentiles of the
 * grids' rates, each an actual grid's rate, ties merged, so about as many grids fall in
 * each class and a legend built from the answer matches the map. Rates compare grids of
 * any size; the counts say how much each rate rests on.
 */
@RestController
class GridRateController {

	static final List<String> PARAMETERS = HotspotController.parameters("bbox");

	private static final String RATES = SqlScript.load(GridRateController.class, "grid-rates.sql");

	private final DatabaseClient db;

	private final ZoneId zone;

	GridRateController(ReadDatabase read, @Value("${gridmap.time-zone}") ZoneId zone) {
		this.db = read.client();
		this.zone = zone;
	}

	@GetMapping(path = "/api/v1/hotspots/grids",
			produces = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	Mono<String> grids(ServerWebExchange exchange) {
		MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
		IncidentFilter.onlyKnown(params, PARAMETERS);
		String box = params.getFirst("bbox");
		double[] bbox = (box != null) ? HotspotController.bbox(box) : null;
		IncidentFilter filter = IncidentFilter.parse(params, this.zone);
		GenericExecuteSpec spec = this.db.sql(RATES);
		String[] corners = { "minx", "miny", "maxx", "maxy" };
		for (int i = 0; i < corners.length; i++) {
			spec = (bbox != null) ? spec.bind(corners[i], bbox[i]) : spec.bindNull(corners[i], Double.class);
		}
		return filter.bind(spec)
			.map((row, meta) -> new Rate(row.get("feature", String.class), row.get("breaks", String.class),
					row.get("low", BigDecimal.class), row.get("total_count", Long.class),
					row.get("total_households", Long.class)))
			.all()
			.collectList()
			.map((rows) -> collection(rows, filter.windowJson()));
	}

	private static String collection(List<Rate> rows, String window) {
		StringBuilder out = new StringBuilder(rows.size() * 2000 + 600);
		out.append("{\"type\":\"FeatureCollection\",\"features\":[");
		for (int i = 0; i < rows.size(); i++) {
			out.append((i > 0) ? "," : "").append(rows.get(i).feature());
		}
		Rate first = rows.isEmpty() ? null : rows.get(0);
		out.append("],\"perHouseholds\":1000,\"classification\":{\"method\":\"quantiles\",")
			.append("\"description\":\"up to 5 classes by quintiles of the grids' rates, ties merged\",")
			.append("\"min\":")
			.append((first != null && first.low() != null) ? first.low().toPlainString() : "null")
			.append(",\"breaks\":")
			.append((first != null) ? first.breaks() : "[]")
			.append("},\"totals\":{\"count\":")
			.append((first != null) ? first.count() : "0")
			.append(",\"households\":")
			.append((first != null) ? first.households() : "0")
			.append("},")
			.append(window)
			.append('}');
		return out.toString();
	}

	private record Rate(String feature, String breaks, BigDecimal low, Long count, Long households) {
	}

}
