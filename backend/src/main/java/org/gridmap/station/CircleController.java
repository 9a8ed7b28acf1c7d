package org.gridmap.station;

import org.gridmap.database.SqlScript;
import org.gridmap.geo.JsonText;
import org.gridmap.network.RoadNetwork;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/stations/{code}/circle?minutes=15&mode=walk}: the station's living
 * circle as a GeoJSON FeatureCollection: the geodesic circle for the distance the mode
 * covers in the minutes, the walking area on the road network when one is loaded and
 * pgRouting is installed (else {@code network.status} says why not), and the station;
 * each area with the grids it serves and the share of each grid's households inside
 * (circle.sql).
 */
@RestController
class CircleController {

	private static final String CIRCLE = SqlScript.load(CircleController.class, "circle.sql");

	private final DatabaseClient db;

	private final Reach reach;

	private final RoadNetwork network;

	private final double snapMetres;

	private final double accessMetres;

	CircleController(DatabaseClient db, Reach reach, RoadNetwork network,
			@Value("${gridmap.network.snap-metres}") double snapMetres,
			@Value("${gridmap.network.access-metres}") double accessMetres) {
		this.db = db;
		this.reach = reach;
		this.network = network;
		this.snapMetres = snapMetres;
		this.accessMetres = accessMetres;
	}

	@GetMapping(path = "/api/v1/stations/{code}/circle",
			produces = { StationController.GEOJSON, MediaType.APPLICATION_JSON_VALUE })
	Mono<String> circle(@PathVariable String code, @RequestParam(required = false) String minutes,
			@RequestParam(required = false) String mode) {
		Reach.Trip trip = this.reach.trip(minutes, mode);
		return this.network.state()
			.flatMap((state) -> this.db.sql(CIRCLE)
				.bind("code", code)
				.bind("metres", trip.metres())
				.bind("snap", this.snapMetres)
				.bind("buffer", this.accessMetres)
				.bind("network", state.available())
				.map((row, meta) -> answer(code, trip, state, row.get("station", String.class),
						row.get("circle", String.class), row.get("network", String.class),
						row.get("snap_metres", Double.class)))
				.one())
			.switchIfEmpty(Mono.error(() -> StationProblem.notFound(code)));
	}

	private String answer(String code, Reach.Trip trip, RoadNetwork.State state, String station, String circle,
			String area, Double snapped) {
		String status;
		if (!state.available()) {
			status = "{\"status\":\"unavailable\",\"reason\":" + JsonText.quote(state.reason()) + "}";
		}
		else if (area == null) {
			status = "{\"status\":\"unreachable\",\"reason\":" + JsonText
				.quote((snapped == null) ? "no road edge near the station" : "the station is " + Math.round(snapped)
						+ " m from the nearest street (at most " + Math.round(this.snapMetres) + " m)")
					+ "}";
		}
		else {
			status = "{\"status\":\"available\"}";
		}
		StringBuilder out = new StringBuilder(circle.length() + ((area != null) ? area.length() : 0) + 600);
		out.append("{\"type\":\"FeatureCollection\",\"station\":")
			.append(JsonText.quote(code))
			.append(",\"query\":")
			.append(trip.json())
			.append(",\"network\":")
			.append(status)
			.append(",\"features\":[")
			.append(circle);
		if (area != null) {
			out.append(',').append(area);
		}
		return out.append(',').append(station).append("]}").toString();
	}

}
