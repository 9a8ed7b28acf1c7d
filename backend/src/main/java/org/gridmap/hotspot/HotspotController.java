package org.gridmap.hotspot;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.gridmap.database.ReadDatabase;
import org.gridmap.problem.BadRequestProblem;
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
 * {@code /api/v1/hotspots}: where incidents cluster, as hexagonal cells with counts and a
 * Getis-Ord Gi* class, aggregated in SQL (hotspots.sql).
 *
 * <p>
 * Method: the study area is every hexagon (edge {@code cellMetres} on the ground) meeting
 * the bbox, empty ones included. For each cell, Gi* compares the sum of counts over the
 * cell and its up to 6 neighbours (binary weights) with what the area's mean and standard
 * deviation predict, as a z-score. Two-sided p-values are corrected for the many cells
 * tested with the Benjamini-Hochberg false discovery rate at 10, 5 and 1 %: a cell is hot
 * (z &gt; 0) or cold (z &lt; 0) at 90, 95 or 99 % confidence, or not significant. Without
 * the correction, uniformly random incidents would make about 1 % of cells "99 % hot" by
 * chance. Known weaknesses: the result depends on cell size and bbox (the modifiable
 * areal unit problem); cells at the bbox edge have fewer neighbours.
 */
@RestController
class HotspotController {

	static final int MIN_CELL_METRES = 25;

	static final int MAX_CELL_METRES = 10_000;

	static final int MAX_CELLS = 60_000;

	static final List<String> PARAMETERS = parameters("bbox", "cellMetres", "zoom");

	private static final String HOTSPOTS = GiStar.query("hotspots.sql");

	private final DatabaseClient db;

	private final ZoneId zone;

	HotspotController(ReadDatabase read, @Value("${gridmap.time-zone}") ZoneId zone) {
		this.db = read.client();
		this.zone = zone;
	}

	@GetMapping(path = "/api/v1/hotspots", produces = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	Mono<String> hotspots(ServerWebExchange exchange) {
		MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
		IncidentFilter.onlyKnown(params, PARAMETERS);
		double[] bbox = bbox(params.getFirst("bbox"));
		double latitude = (bbox[1] + bbox[3]) / 2;
		// Web Mercator stretches ground distances by 1/cos(latitude).
		double stretch = 1 / Math.cos(Math.toRadians(latitude));
		double edge = edge(params, stretch);
		double cellMetres = edge / stretch;
		double width = (bbox[2] - bbox[0]) * 111_320 / stretch;
		double height = (bbox[3] - bbox[1]) * 110_574;
		double cells = width * height / (2.598 * cellMetres * cellMetres);
		if (cells > MAX_CELLS) {
			throw new BadRequestProblem("cellMetres", "The bbox holds about " + Math.round(cells) + " cells of "
					+ Math.round(cellMetres) + " m; at most " + MAX_CELLS + ": use larger cells or a smaller bbox");
		}
		IncidentFilter filter = IncidentFilter.parse(params, this.zone);
		GenericExecuteSpec spec = this.db.sql(HOTSPOTS)
			.bind("minx", bbox[0])
			.bind("miny", bbox[1])
			.bind("maxx", bbox[2])
			.bind("maxy", bbox[3])
			.bind("edge", edge);
		return filter.bind(spec)
			.map((row, meta) -> new Cell(row.get("feature", String.class), row.get("cells", Long.class)))
			.all()
			.collectList()
			.map((rows) -> collection(rows, cellMetres, filter.windowJson()));
	}

	static List<String> parameters(String... own) {
		List<String> names = new ArrayList<>(List.of(own));
		names.addAll(IncidentFilter.PARAMETERS);
		return List.copyOf(names);
	}

	private static String collection(List<Cell> rows, double cellMetres, String window) {
		StringBuilder out = new StringBuilder(rows.size() * 400 + 400);
		out.append("{\"type\":\"FeatureCollection\",\"features\":[");
		for (int i = 0; i < rows.size(); i++) {
			out.append((i > 0) ? "," : "").append(rows.get(i).feature());
		}
		out.append("],\"method\":{\"statistic\":\"Getis-Ord Gi*\",\"cells\":\"hexagons, edge ")
			.append(Math.round(cellMetres))
			.append(" m\",\"weights\":\"binary: the cell and its 6 neighbours\",")
			.append("\"significance\":\"two-sided, Benjamini-Hochberg false discovery rate at 10/5/1 %\"},")
			.append("\"cellMetres\":")
			.append(Math.round(cellMetres))
			.append(",\"studyCells\":")
			.append(rows.isEmpty() ? "null" : rows.get(0).cells())
			.append(',')
			.append(window)
			.append('}');
		return out.toString();
	}

	/**
	 * The hexagon edge in Web Mercator units: from {@code cellMetres} on the ground, or
	 * from {@code zoom} (the same grid as the hotspot tiles of that zoom, unless that
	 * would be smaller than {@link #MIN_CELL_METRES} or larger than
	 * {@link #MAX_CELL_METRES} on the ground here).
	 */
	private static double edge(MultiValueMap<String, String> params, double stretch) {
		String metres = params.getFirst("cellMetres");
		String zoom = params.getFirst("zoom");
		if (metres != null && zoom != null) {
			throw new BadRequestProblem("cellMetres", "Give 'cellMetres' or 'zoom', not both");
		}
		if (zoom != null) {
			double edge = GiStar.edge((int) number("zoom", zoom, 0, 22));
			return Math.max(MIN_CELL_METRES * stretch, Math.min(MAX_CELL_METRES * stretch, edge));
		}
		return ((metres != null) ? number("cellMetres", metres, MIN_CELL_METRES, MAX_CELL_METRES) : 250) * stretch;
	}

	static double number(String name, String text, double min, double max) {
		try {
			double value = org.gridmap.geo.Coordinates.decimal(text);
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below.
		}
		throw new BadRequestProblem(name, "'" + name + "' must be a number from " + (long) min + " to " + (long) max);
	}

	static double[] bbox(String text) {
		if (text == null || text.isBlank()) {
			throw new BadRequestProblem("bbox", "'bbox' (minx,miny,maxx,maxy in WGS 84) is required");
		}
		String[] parts = text.split(",");
		if (parts.length != 4) {
			throw new BadRequestProblem("bbox", "'bbox' takes minx,miny,maxx,maxy");
		}
		double[] box = new double[4];
		for (int i = 0; i < 4; i++) {
			box[i] = number("bbox", parts[i], (i % 2 == 0) ? -180 : -85, (i % 2 == 0) ? 180 : 85);
		}
		if (box[0] >= box[2] || box[1] >= box[3]) {
			throw new BadRequestProblem("bbox", "'bbox' must be minx,miny,maxx,maxy with min < max");
		}
		return box;
	}

	private record Cell(String feature, Long cells) {
	}

}
