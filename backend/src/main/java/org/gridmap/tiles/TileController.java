package org.gridmap.tiles;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /tiles/{layer}/{z}/{x}/{y}.mvt}: Mapbox Vector Tiles written by PostGIS
 * ({@code ST_AsMVT}) for QGIS, MapLibre or any MVT client. Each tile carries a strong
 * ETag computed from its bytes, so it changes exactly when the data in the tile changes
 * (a grid redrawn, an incident reported) and a client's {@code If-None-Match} gets a 304
 * otherwise.
 */
@RestController
class TileController {

	static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

	static final int MAX_ZOOM = 22;

	/** Below this zoom, grid outlines are simplified to about half a screen pixel. */
	static final int SIMPLIFY_BELOW = 12;

	private final DatabaseClient db;

	TileController(DatabaseClient db) {
		this.db = db;
	}

	@GetMapping("/tiles/{layer}/{z}/{x}/{y}.mvt")
	Mono<ResponseEntity<byte[]>> tile(@PathVariable String layer, @PathVariable String z, @PathVariable String x,
			@PathVariable String y) {
		TileLayer tiles = TileLayer.find(layer);
		int zoom = number("z", z, MAX_ZOOM);
		int max = (1 << zoom) - 1;
		int column = number("x", x, max);
		int row = number("y", y, max);
		double tolerance = (zoom < SIMPLIFY_BELOW) ? 360.0 / (512 * Math.pow(2, zoom)) : 0;
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(tiles.sql())
			.bind("z", zoom)
			.bind("x", column)
			.bind("y", row);
		spec = (tiles == TileLayer.GRIDS) ? spec.bind("tolerance", tolerance)
				: spec.bind("maxFeatures", TileLayer.MAX_FEATURES);
		return spec.map((r, meta) -> bytes(r.get(0, ByteBuffer.class)))
			.one()
			.defaultIfEmpty(new byte[0])
			.map((tile) -> ResponseEntity.ok()
				.contentType(MVT)
				.eTag(etag(tile))
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic().mustRevalidate())
				.body(tile));
	}

	private static int number(String name, String text, int max) {
		try {
			int value = Integer.parseInt(text);
			if (value >= 0 && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below with the range.
		}
		throw TileProblem.invalid(name, "'" + name + "' must be a whole number from 0 to " + max + ", got '"
				+ TileProblem.abbreviate(text) + "'");
	}

	private static byte[] bytes(ByteBuffer buffer) {
		if (buffer == null) {
			return new byte[0];
		}
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	private static String etag(byte[] tile) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(tile);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
