package org.gridmap.hotspot;

import java.nio.ByteBuffer;
import java.time.ZoneId;

import org.gridmap.database.ReadDatabase;
import org.gridmap.tiles.VectorTile;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /tiles/hotspots/{z}/{x}/{y}.mvt[?from=&to=&matter=&status=]}: the hotspot cells
 * of {@code /api/v1/hotspots} as a vector-tile layer {@code hotspots} (attributes
 * {@code count}, {@code z}, {@code p}, {@code class}, {@code confidence}), with the
 * content ETag and cache headers of every tile layer, so the ETag changes when the
 * incidents under the tile (or its margin) change.
 *
 * <p>
 * Cells: one hexagonal grid per zoom level, cells about 40 pixels across
 * ({@link GiStar#edge}), anchored at the Web Mercator origin, so neighbouring tiles cut
 * the same hexagons at their shared edge. From {@link #MAX_CELL_ZOOM} on the cells stop
 * shrinking (about 70 m edge at 45°N): the tiles are public, and a cell then covers about
 * the ground of the public view's ~100 m snapped point, no less. Below {@link #MIN_ZOOM}
 * (cells over ~10 km) the layer is empty.
 *
 * <p>
 * Gi* across tile edges: each tile is computed on its own, over a study area of the tile
 * widened by {@link #MARGIN_EDGES} cell edges, and clipped to the tile. The margin gives
 * every cell drawn in the tile its full 6 neighbours with complete counts, so a hotspot
 * on a tile edge is seen whole from both sides. What still depends on the tile is the
 * reference: the study area's mean and standard deviation, and the family of tests the
 * false discovery rate is controlled over. A cell cut by a tile edge can therefore, near
 * a significance threshold, carry different classes in the two tiles. Above
 * {@link #MAX_CELL_ZOOM} every tile takes the study area of its ancestor at that zoom, so
 * those tiles agree exactly. A client that needs one classification over a whole view
 * asks {@code /api/v1/hotspots} for the view's bbox, as the {@code /map} page does.
 */
@RestController
class HotspotTileController {

	static final int MIN_ZOOM = 8;

	static final int MAX_CELL_ZOOM = 15;

	static final double MARGIN_EDGES = 4;

	private static final String TILE = GiStar.query("hotspot-tile.sql");

	private final DatabaseClient db;

	private final ZoneId zone;

	HotspotTileController(ReadDatabase read, @Value("${gridmap.time-zone}") ZoneId zone) {
		this.db = read.client();
		this.zone = zone;
	}

	@GetMapping("/tiles/hotspots/{z}/{x}/{y}.mvt")
	Mono<ResponseEntity<byte[]>> tile(@PathVariable String z, @PathVariable String x, @PathVariable String y,
			ServerWebExchange exchange) {
		VectorTile.Address tile = VectorTile.Address.parse(z, x, y);
		MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
		IncidentFilter.onlyKnown(params, IncidentFilter.PARAMETERS);
		IncidentFilter filter = IncidentFilter.parse(params, this.zone);
		if (tile.z() < MIN_ZOOM) {
			return Mono.just(VectorTile.response(new byte[0]));
		}
		VectorTile.Address area = tile.ancestor(MAX_CELL_ZOOM);
		double edge = GiStar.edge(area.z());
		GenericExecuteSpec spec = this.db.sql(TILE)
			.bind("z", tile.z())
			.bind("x", tile.x())
			.bind("y", tile.y())
			.bind("az", area.z())
			.bind("ax", area.x())
			.bind("ay", area.y())
			.bind("edge", edge)
			.bind("margin", MARGIN_EDGES * edge);
		return filter.bind(spec)
			.map((row, meta) -> VectorTile.bytes(row.get(0, ByteBuffer.class)))
			.one()
			.defaultIfEmpty(new byte[0])
			.map(VectorTile::response);
	}

}
