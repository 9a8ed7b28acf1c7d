package org.gridmap.tiles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /tiles}: real MVT from PostGIS, content ETags, 304s and bad coordinates. */
class TileApiTest extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	/** The z/x/y of the tile holding a lon/lat (the usual Web Mercator tiling). */
	static int[] tileOf(double lon, double lat, int z) {
		int n = 1 << z;
		int x = (int) Math.floor((lon + 180) / 360 * n);
		double rad = Math.toRadians(lat);
		int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n);
		return new int[] { z, x, y };
	}

	/** The deepest tile that holds the whole district. */
	private int[] districtTile() {
		Map<String, Object> box = this.db.sql("""
				SELECT ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy
				FROM (SELECT ST_Extent(geom)::geometry AS e FROM admin_area WHERE level = 'district') d""")
			.fetch()
			.one()
			.block();
		double minx = ((Number) box.get("minx")).doubleValue();
		double miny = ((Number) box.get("miny")).doubleValue();
		double maxx = ((Number) box.get("maxx")).doubleValue();
		double maxy = ((Number) box.get("maxy")).doubleValue();
		for (int z = 14;; z--) {
			int[] a = tileOf(minx, maxy, z);
			int[] b = tileOf(maxx, miny, z);
			if (a[1] == b[1] && a[2] == b[2]) {
				return a;
			}
		}
	}

	private byte[] get(String layer, int[] tile) {
		return this.http.get()
			.uri("/tiles/{layer}/{z}/{x}/{y}.mvt", layer, tile[0], tile[1], tile[2])
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.parseMediaType("application/vnd.mapbox-vector-tile"))
			.expectHeader()
			.exists("ETag")
			.expectBody()
			.returnResult()
			.getResponseBody();
	}

	@Test
	void aTileOverTheWholeDistrictHoldsEveryGrid() {
		byte[] tile = get("grids", districtTile());
		List<Layer> layers = Mvt.layers(tile);
		assertThat(layers).extracting(Layer::name).containsExactly("grids");
		assertThat(layers.get(0).features()).isEqualTo(146);
		assertThat(new String(tile, StandardCharsets.UTF_8)).contains("households").contains("communityCode");
	}

	@Test
	void incidentTilesCarryThePublicViewOnly() {
		this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("matter",
					this.db.sql("SELECT min(code) FROM matter").map((r, m) -> r.get(0, String.class)).one().block(),
					"description", "瓦片隐私测试 13911112222", "lon", 130.8, "lat", 45.35, "reporter",
					Map.of("name", "王先生", "phone", "13911112222")))
			.exchange()
			.expectStatus()
			.isCreated();
		byte[] tile = get("incidents", tileOf(130.8, 45.35, 14));
		assertThat(Mvt.layers(tile)).extracting(Layer::name).containsExactly("incidents");
		assertThat(Mvt.layers(tile).get(0).features()).isPositive();
		String text = new String(tile, StandardCharsets.UTF_8);
		assertThat(text).doesNotContain("13911112222").doesNotContain("王先生").doesNotContain("瓦片隐私测试");
	}

	@Test
	void theEtagRevalidatesUntilTheDataInTheTileChanges() {
		int[] tile = tileOf(130.83, 45.33, 15);
		String etag = this.http.get()
			.uri("/tiles/incidents/{z}/{x}/{y}.mvt", tile[0], tile[1], tile[2])
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();
		this.http.get()
			.uri("/tiles/incidents/{z}/{x}/{y}.mvt", tile[0], tile[1], tile[2])
			.header("If-None-Match", etag)
			.exchange()
			.expectStatus()
			.isNotModified();
		this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("matter",
					this.db.sql("SELECT min(code) FROM matter").map((r, m) -> r.get(0, String.class)).one().block(),
					"description", "瓦片缓存测试", "lon", 130.8301, "lat", 45.3301))
			.exchange()
			.expectStatus()
			.isCreated();
		this.http.get()
			.uri("/tiles/incidents/{z}/{x}/{y}.mvt", tile[0], tile[1], tile[2])
			.header("If-None-Match", etag)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("ETag", (changed) -> assertThat(changed).isNotEqualTo(etag));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/tiles/roads/8/0/0.mvt", "/tiles/grids/23/0/0.mvt", "/tiles/grids/-1/0/0.mvt",
			"/tiles/grids/8/256/0.mvt", "/tiles/grids/8/0/999.mvt", "/tiles/grids/z/0/0.mvt",
			"/tiles/grids/8/1e3/0.mvt" })
	void badTileAddressesAreA400Problem(String uri) {
		this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aTileFarFromTheDistrictIsEmpty() {
		byte[] tile = get("grids", tileOf(-70, -30, 10));
		assertThat(tile == null || tile.length == 0).isTrue();
	}

	record Layer(String name, int features) {
	}

	/** Just enough protobuf to read an MVT's layers: names and feature counts. */
	static final class Mvt {

		static List<Layer> layers(byte[] tile) {
			List<Layer> layers = new ArrayList<>();
			int[] at = { 0 };
			while (at[0] < tile.length) {
				long key = varint(tile, at);
				if ((key >>> 3) == 3 && (key & 7) == 2) {
					int length = (int) varint(tile, at);
					layers.add(layer(tile, at[0], at[0] + length));
					at[0] += length;
				}
				else {
					skip(tile, at, (int) (key & 7));
				}
			}
			return layers;
		}

		private static Layer layer(byte[] tile, int from, int to) {
			String name = null;
			int features = 0;
			int[] at = { from };
			while (at[0] < to) {
				long key = varint(tile, at);
				int field = (int) (key >>> 3);
				if (field == 1 && (key & 7) == 2) {
					int length = (int) varint(tile, at);
					name = new String(tile, at[0], length, StandardCharsets.UTF_8);
					at[0] += length;
				}
				else {
					features += (field == 2) ? 1 : 0;
					skip(tile, at, (int) (key & 7));
				}
			}
			return new Layer(name, features);
		}

		private static long varint(byte[] bytes, int[] at) {
			long value = 0;
			for (int shift = 0;; shift += 7) {
				byte b = bytes[at[0]++];
				value |= (long) (b & 0x7f) << shift;
				if ((b & 0x80) == 0) {
					return value;
				}
			}
		}

		private static void skip(byte[] bytes, int[] at, int wireType) {
			switch (wireType) {
				case 0 -> varint(bytes, at);
				case 1 -> at[0] += 8;
				case 2 -> {
					int length = (int) varint(bytes, at);
					at[0] += length;
				}
				case 5 -> at[0] += 4;
				default -> throw new AssertionError("wire type " + wireType);
			}
		}

	}

}
