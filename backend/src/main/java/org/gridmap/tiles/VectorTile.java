package org.gridmap.tiles;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What every vector-tile layer shares, for the layers served here and by other features
 * (hotspots): the {@code z/x/y} address checked where it enters, and the answer with its
 * media type, cache headers and a strong ETag computed from the tile's bytes, so that it
 * changes exactly when the data in the tile changes and {@code If-None-Match} gets a 304
 * otherwise.
 */
public final class VectorTile {

	public static final MediaType MEDIA_TYPE = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

	public static final int MAX_ZOOM = 22;

	/** Caches may keep a tile this long before they revalidate it with its ETag. */
	static final Duration MAX_AGE = Duration.ofSeconds(60);

	private VectorTile() {
	}

	/**
	 * The tile answer: 200 with the bytes (an empty body for a tile with no features),
	 * the MVT media type, a content ETag and public caching for a minute.
	 */
	public static ResponseEntity<byte[]> response(byte[] tile) {
		return ResponseEntity.ok()
			.contentType(MEDIA_TYPE)
			.eTag(etag(tile))
			.cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic().mustRevalidate())
			.body(tile);
	}

	/**
	 * The bytes of an {@code ST_AsMVT} result ({@code null}: no features, an empty tile).
	 */
	public static byte[] bytes(ByteBuffer buffer) {
		if (buffer == null) {
			return new byte[0];
		}
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	static String etag(byte[] tile) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(tile);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A tile's address in the usual Web Mercator tiling (x east, y south from the
	 * north-west corner).
	 */
	public record Address(int z, int x, int y) {

		/**
		 * Reads the path segments; a 400 problem naming {@code z}, {@code x} or {@code y}
		 * when one is not a whole number in range.
		 */
		public static Address parse(String z, String x, String y) {
			int zoom = number("z", z, MAX_ZOOM);
			int max = (1 << zoom) - 1;
			return new Address(zoom, number("x", x, max), number("y", y, max));
		}

		/** The tile at {@code zoom} (at most this one's) that holds this tile. */
		public Address ancestor(int zoom) {
			int shift = Math.max(0, this.z - zoom);
			return new Address(this.z - shift, this.x >> shift, this.y >> shift);
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

	}

}
