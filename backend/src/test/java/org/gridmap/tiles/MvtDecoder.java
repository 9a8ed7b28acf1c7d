package org.gridmap.tiles;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Mapbox Vector Tile (protobuf, spec 2.1) as far as the tests need: each layer's
 * name and extent, and its features with their properties and geometry rings in tile
 * units. Written for the tests, since no MVT reader is on the class path.
 */
public final class MvtDecoder {

	private MvtDecoder() {
	}

	public record Layer(String name, int extent, List<Feature> features) {
	}

	/**
	 * A feature: properties by key, and the geometry as rings (or lines) of x, y points.
	 */
	public record Feature(Map<String, Object> properties, List<List<int[]>> rings) {

		/** Every point within [min, max] on both axes (so the shape was not clipped). */
		boolean inside(int min, int max) {
			return this.rings.stream()
				.flatMap(List::stream)
				.allMatch((p) -> p[0] >= min && p[0] <= max && p[1] >= min && p[1] <= max);
		}

		/** The mean of the first ring's points: the centre of a regular polygon. */
		double[] centre() {
			List<int[]> ring = this.rings.get(0);
			double x = 0;
			double y = 0;
			for (int[] p : ring) {
				x += p[0];
				y += p[1];
			}
			return new double[] { x / ring.size(), y / ring.size() };
		}

	}

	public static List<Layer> decode(byte[] tile) {
		List<Layer> layers = new ArrayList<>();
		Reader in = new Reader(tile, 0, tile.length);
		while (in.more()) {
			long key = in.varint();
			if ((key >>> 3) == 3 && (key & 7) == 2) {
				layers.add(layer(in.message()));
			}
			else {
				in.skip((int) (key & 7));
			}
		}
		return layers;
	}

	private static Layer layer(Reader in) {
		String name = null;
		int extent = 4096;
		List<String> keys = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		List<Reader> features = new ArrayList<>();
		while (in.more()) {
			long key = in.varint();
			switch ((int) (key >>> 3)) {
				case 1 -> name = in.string();
				case 2 -> features.add(in.message());
				case 3 -> keys.add(in.string());
				case 4 -> values.add(value(in.message()));
				case 5 -> extent = (int) in.varint();
				default -> in.skip((int) (key & 7));
			}
		}
		List<Feature> decoded = new ArrayList<>();
		for (Reader feature : features) {
			decoded.add(feature(feature, keys, values));
		}
		return new Layer(name, extent, decoded);
	}

	private static Feature feature(Reader in, List<String> keys, List<Object> values) {
		Map<String, Object> properties = new LinkedHashMap<>();
		List<List<int[]>> rings = new ArrayList<>();
		while (in.more()) {
			long key = in.varint();
			int field = (int) (key >>> 3);
			if (field == 2) {
				Reader tags = in.message();
				while (tags.more()) {
					properties.put(keys.get((int) tags.varint()), values.get((int) tags.varint()));
				}
			}
			else if (field == 4) {
				rings = geometry(in.message());
			}
			else {
				in.skip((int) (key & 7));
			}
		}
		return new Feature(properties, rings);
	}

	/** MoveTo / LineTo / ClosePath commands with zigzag deltas from a running cursor. */
	private static List<List<int[]>> geometry(Reader in) {
		List<List<int[]>> rings = new ArrayList<>();
		List<int[]> ring = null;
		int x = 0;
		int y = 0;
		while (in.more()) {
			long command = in.varint();
			int id = (int) (command & 7);
			int count = (int) (command >>> 3);
			if (id == 7) {
				continue;
			}
			for (int i = 0; i < count; i++) {
				x += zigzag(in.varint());
				y += zigzag(in.varint());
				if (id == 1) {
					ring = new ArrayList<>();
					rings.add(ring);
				}
				ring.add(new int[] { x, y });
			}
		}
		return rings;
	}

	private static Object value(Reader in) {
		Object value = null;
		while (in.more()) {
			long key = in.varint();
			switch ((int) (key >>> 3)) {
				case 1 -> value = in.string();
				case 2 -> value = (double) in.fixed32();
				case 3 -> value = in.fixed64();
				case 4, 5 -> value = in.varint();
				case 6 -> value = (long) zigzag(in.varint());
				case 7 -> value = in.varint() != 0;
				default -> in.skip((int) (key & 7));
			}
		}
		return value;
	}

	private static int zigzag(long n) {
		return (int) ((n >>> 1) ^ -(n & 1));
	}

	private static final class Reader {

		private final byte[] bytes;

		private int at;

		private final int end;

		Reader(byte[] bytes, int from, int to) {
			this.bytes = bytes;
			this.at = from;
			this.end = to;
		}

		boolean more() {
			return this.at < this.end;
		}

		long varint() {
			long value = 0;
			for (int shift = 0;; shift += 7) {
				byte b = this.bytes[this.at++];
				value |= (long) (b & 0x7f) << shift;
				if ((b & 0x80) == 0) {
					return value;
				}
			}
		}

		Reader message() {
			int length = (int) varint();
			Reader inner = new Reader(this.bytes, this.at, this.at + length);
			this.at += length;
			return inner;
		}

		String string() {
			int length = (int) varint();
			String text = new String(this.bytes, this.at, length, StandardCharsets.UTF_8);
			this.at += length;
			return text;
		}

		float fixed32() {
			float value = ByteBuffer.wrap(this.bytes, this.at, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
			this.at += 4;
			return value;
		}

		double fixed64() {
			double value = ByteBuffer.wrap(this.bytes, this.at, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
			this.at += 8;
			return value;
		}

		void skip(int wireType) {
			switch (wireType) {
				case 0 -> varint();
				case 1 -> this.at += 8;
				case 2 -> this.at += (int) varint();
				case 5 -> this.at += 4;
				default -> throw new AssertionError("wire type " + wireType);
			}
		}

	}

}
