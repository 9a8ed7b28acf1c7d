package org.gridmap.tiles;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gridmap.Fixtures;
import org.gridmap.IntegrationTest;
import org.gridmap.tiles.MvtDecoder.Feature;
import org.gridmap.tiles.MvtDecoder.Layer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /tiles/hotspots}: the Gi* cells of {@code /api/v1/hotspots} as MVT, on the
 * constructed hotspot of fixtures/hotspot-incidents.sql (a known cluster of 300 incidents
 * around 100.03°E 40.02°N in March 2001) and on the demo district; content ETags that
 * change when an incident is reported under the tile; bad filters and addresses.
 */
class HotspotTileApiTest extends IntegrationTest {

	private static final String MARCH = "from=2001-03-01&to=2001-04-01";

	/** Web Mercator half-width of the world (EPSG:3857 metres). */
	private static final double HALF_WORLD = 20_037_508.342789244;

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	private static boolean loaded;

	@BeforeEach
	void constructedIncidents() {
		if (!loaded) {
			Fixtures.load(this.db, "hotspot-incidents.sql");
			loaded = true;
		}
	}

	private byte[] tile(int[] address, String query) {
		return this.http.get()
			.uri("/tiles/hotspots/" + address[0] + "/" + address[1] + "/" + address[2] + ".mvt"
					+ (query.isEmpty() ? "" : "?" + query))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.parseMediaType("application/vnd.mapbox-vector-tile"))
			.expectHeader()
			.exists("ETag")
			.expectHeader()
			.valueMatches("Cache-Control", ".*max-age=\\d+.*")
			.expectBody()
			.returnResult()
			.getResponseBody();
	}

	private static List<Feature> features(byte[] tile) {
		if (tile == null || tile.length == 0) {
			return List.of();
		}
		List<Layer> layers = MvtDecoder.decode(tile);
		assertThat(layers).extracting(Layer::name).containsExactly("hotspots");
		return layers.get(0).features();
	}

	private static boolean hot99(Feature feature) {
		return "hot".equals(feature.properties().get("class"))
				&& ((Number) feature.properties().get("confidence")).intValue() == 99;
	}

	@Test
	void theKnownHotspotIsHotAt99InItsTilesAtEveryZoom() {
		for (int z : new int[] { 13, 15, 17 }) {
			List<Feature> features = features(tile(TileApiTest.tileOf(100.03, 40.02, z), MARCH));
			assertThat(features).as("z%d", z).isNotEmpty().anyMatch(HotspotTileApiTest::hot99);
			assertThat(features)
				.allSatisfy((f) -> assertThat(f.properties()).containsKeys("count", "class", "confidence"));
		}
		List<Feature> far = features(tile(TileApiTest.tileOf(100.005, 40.04, 15), MARCH));
		assertThat(far).noneMatch(HotspotTileApiTest::hot99);
	}

	/**
	 * The cells inside a tile, with their counts and classes, are those that
	 * {@code /api/v1/hotspots} gives at the same zoom for the tile's study area (the tile
	 * widened by 4 cell edges).
	 */
	@Test
	void aTileHoldsTheCellsAndClassesOfTheApiForItsStudyArea() {
		int[] address = TileApiTest.tileOf(100.03, 40.02, 15);
		List<Feature> features = features(tile(address, MARCH));
		double size = 2 * HALF_WORLD / (1 << address[0]);
		double minx = -HALF_WORLD + address[1] * size;
		double maxy = HALF_WORLD - address[2] * size;
		double margin = 4 * 20 * 156_543.03 / (1 << address[0]);
		String bbox = lon(minx - margin) + "," + lat(maxy - size - margin) + "," + lon(minx + size + margin) + ","
				+ lat(maxy + margin);
		JsonNode cells = this.json.readTree(this.http.get()
			.uri("/api/v1/hotspots?bbox=" + bbox + "&zoom=" + address[0] + "&" + MARCH)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		List<double[]> expected = new ArrayList<>();
		List<String> expectedValues = new ArrayList<>();
		for (JsonNode cell : cells.get("features")) {
			JsonNode ring = cell.get("geometry").get("coordinates").get(0);
			List<double[]> points = new ArrayList<>();
			for (int i = 0; i < ring.size() - 1; i++) {
				double x = (mercatorX(ring.get(i).get(0).asDouble()) - minx) / size * 4096;
				double y = (maxy - mercatorY(ring.get(i).get(1).asDouble())) / size * 4096;
				points.add(new double[] { x, y });
			}
			if (points.stream().allMatch((p) -> p[0] >= 2 && p[0] <= 4094 && p[1] >= 2 && p[1] <= 4094)) {
				expected.add(new double[] { points.stream().mapToDouble((p) -> p[0]).average().orElseThrow(),
						points.stream().mapToDouble((p) -> p[1]).average().orElseThrow() });
				JsonNode p = cell.get("properties");
				expectedValues
					.add(p.get("count").asInt() + " " + p.get("class").asString() + " " + p.get("confidence").asInt());
			}
		}
		List<Feature> whole = features.stream().filter((f) -> f.inside(2, 4094)).toList();
		assertThat(expected).hasSizeGreaterThan(20);
		assertThat(whole).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			double[] centre = expected.get(i);
			Feature match = whole.stream()
				.filter((f) -> Math.hypot(f.centre()[0] - centre[0], f.centre()[1] - centre[1]) < 3)
				.findFirst()
				.orElseThrow(() -> new AssertionError("no tile cell at " + centre[0] + ", " + centre[1]));
			Map<String, Object> p = match.properties();
			assertThat(((Number) p.get("count")).intValue() + " " + p.get("class") + " "
					+ ((Number) p.get("confidence")).intValue())
				.isEqualTo(expectedValues.get(i));
		}
	}

	@Test
	void filtersNarrowTheTile() {
		int[] address = TileApiTest.tileOf(100.03, 40.02, 15);
		assertThat(features(tile(address, MARCH + "&status=reported"))).isEmpty();
		String otherMatter = this.db.sql("SELECT max(code) FROM matter")
			.map((r, m) -> r.get(0, String.class))
			.one()
			.block();
		assertThat(features(tile(address, MARCH + "&matter=" + otherMatter))).isEmpty();
		assertThat(features(tile(address, "from=2001-05-01&to=2001-06-01"))).isEmpty();
	}

	@Test
	void theEtagRevalidatesUntilAnIncidentIsReportedUnderTheTile() {
		int[] address = TileApiTest.tileOf(130.83, 45.33, 14);
		String uri = "/tiles/hotspots/" + address[0] + "/" + address[1] + "/" + address[2] + ".mvt";
		String etag = this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();
		assertThat(etag).isNotBlank();
		this.http.get().uri(uri).header("If-None-Match", etag).exchange().expectStatus().isNotModified();
		this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("matter",
					this.db.sql("SELECT min(code) FROM matter").map((r, m) -> r.get(0, String.class)).one().block(),
					"description", "热点瓦片缓存测试", "lon", 130.8302, "lat", 45.3302))
			.exchange()
			.expectStatus()
			.isCreated();
		this.http.get()
			.uri(uri)
			.header("If-None-Match", etag)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("ETag", (changed) -> assertThat(changed).isNotEqualTo(etag));
	}

	@Test
	void belowZoom8TheLayerIsEmpty() {
		byte[] tile = tile(TileApiTest.tileOf(130.83, 45.33, 7), "");
		assertThat(tile == null || tile.length == 0).isTrue();
	}

	@Test
	void ogrinfoReadsTheHotspotTile(@TempDir Path dir) throws Exception {
		File ogrinfo = new File("/usr/bin/ogrinfo");
		if (!"true".equals(System.getenv("CI"))) {
			Assumptions.assumeTrue(ogrinfo.canExecute(), "ogrinfo missing: run scripts/test-tools.sh");
		}
		int[] address = TileApiTest.tileOf(100.03, 40.02, 15);
		byte[] bytes = tile(address, MARCH);
		// GDAL's MVT driver takes the tile's place in the pyramid from a z/x/y path.
		Path file = dir.resolve(address[0] + "/" + address[1] + "/" + address[2] + ".pbf");
		Files.createDirectories(file.getParent());
		Files.write(file, bytes);
		Process process = new ProcessBuilder(ogrinfo.getPath(), "-ro", "-al", "-so", file.toString())
			.redirectErrorStream(true)
			.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		assertThat(out).contains("Layer name: hotspots")
			.contains("Feature Count: " + features(bytes).size())
			.contains("class: String")
			.contains("count: Integer");
	}

	@ParameterizedTest
	@CsvSource({ "/tiles/hotspots/23/0/0.mvt, z", "/tiles/hotspots/10/1024/0.mvt, x", "/tiles/hotspots/10/0/-1.mvt, y",
			"/tiles/hotspots/z/0/0.mvt, z", "/tiles/hotspots/14/0/0.mvt?from=yesterday, from",
			"/tiles/hotspots/14/0/0.mvt?from=2001-04-01&to=2001-03-01, from",
			"/tiles/hotspots/14/0/0.mvt?matter=DROP%20TABLE, matter",
			"/tiles/hotspots/14/0/0.mvt?status=Closed, status", "/tiles/hotspots/14/0/0.mvt?size=3, size" })
	void badAddressesAndFiltersAreA400ProblemNamingTheParameter(String uri, String parameter) {
		this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo(parameter);
	}

	private static double mercatorX(double lon) {
		return lon * HALF_WORLD / 180;
	}

	private static double mercatorY(double lat) {
		return Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)) * HALF_WORLD / Math.PI;
	}

	private static String lon(double x) {
		return Double.toString(x / HALF_WORLD * 180);
	}

	private static String lat(double y) {
		return Double.toString(Math.toDegrees(2 * Math.atan(Math.exp(y / HALF_WORLD * Math.PI)) - Math.PI / 2));
	}

}
