package org.gridmap.tiles;

import java.nio.ByteBuffer;

import org.gridmap.database.ReadDatabase;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /tiles/{layer}/{z}/{x}/{y}.mvt}: Mapbox Vector Tiles written by PostGIS
 * ({@code ST_AsMVT}) for QGIS, MapLibre or any MVT client, with the content ETags and
 * cache headers of {@link VectorTile}. The {@code hotspots} layer has its own, more
 * specific route in the hotspot feature.
 */
@RestController
class TileController {

	/** Below this zoom, grid outlines are simplified to about half a screen pixel. */
	static final int SIMPLIFY_BELOW = 12;

	private final DatabaseClient db;

	TileController(ReadDatabase read) {
		this.db = read.client();
	}

	@GetMapping("/tiles/{layer}/{z}/{x}/{y}.mvt")
	Mono<ResponseEntity<byte[]>> tile(@PathVariable String layer, @PathVariable String z, @PathVariable String x,
			@PathVariable String y) {
		TileLayer tiles = TileLayer.find(layer);
		VectorTile.Address address = VectorTile.Address.parse(z, x, y);
		double tolerance = (address.z() < SIMPLIFY_BELOW) ? 360.0 / (512 * Math.pow(2, address.z())) : 0;
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(tiles.sql())
			.bind("z", address.z())
			.bind("x", address.x())
			.bind("y", address.y());
		spec = (tiles == TileLayer.GRIDS) ? spec.bind("tolerance", tolerance)
				: spec.bind("maxFeatures", TileLayer.MAX_FEATURES);
		return spec.map((r, meta) -> VectorTile.bytes(r.get(0, ByteBuffer.class)))
			.one()
			.defaultIfEmpty(new byte[0])
			.map(VectorTile::response);
	}

}
