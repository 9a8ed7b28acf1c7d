package org.gridmap.gridfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.gridmap.geo.ChinaCoordinates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export of live grids and preview of uploaded files over HTTP against the demo district:
 * GDAL opens what is exported, exported files come back through the preview unchanged,
 * GCJ-02 input lands on the WGS 84 truth, bad files are 400/413 problems, and nothing is
 * written.
 */
class GridFileApiTest extends IntegrationTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	@TempDir
	Path directory;

	@Test
	void geoJsonExportOfAStreetOpensInGdalWithEveryGrid() throws Exception {
		Gdal.assumePresent();
		byte[] body = this.http.get()
			.uri("/api/v1/grids/export?format=geojson&street=230304001")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("application/geo+json")
			.expectHeader()
			.value(HttpHeaders.CONTENT_DISPOSITION,
					(value) -> assertThat(value)
						.matches("attachment; filename=\"grids-230304001-\\d{4}-\\d\\d-\\d\\d.geojson\""))
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		Path file = this.directory.resolve("street.geojson");
		Files.write(file, body);
		long grids = count("SELECT count(*) FROM grid WHERE left(code, 9) = '230304001' AND valid_to = 'infinity'");
		assertThat(grids).isGreaterThan(10);
		String info = Gdal.run("ogrinfo", "-ro", "-so", "-al", file.toString());
		assertThat(info).contains("Feature Count: " + grids).contains("households").contains("communityCode");
		JsonNode collection = JSON.readTree(body);
		assertThat(collection.get("features").get(0).get("properties").get("code").asString()).startsWith("230304001");
	}

	@Test
	void geoPackageExportOpensInGdalAsMultiPolygonsInWgs84() throws Exception {
		Gdal.assumePresent();
		Path file = download("/api/v1/grids/export?format=gpkg", "all.gpkg", "application/geopackage+sqlite3");
		String info = Gdal.run("ogrinfo", "-ro", "-so", file.toString(), "grids");
		assertThat(info).contains("Feature Count: 146")
			.contains("Geometry: Multi Polygon")
			.contains("EPSG\",4326")
			.contains("name: String")
			.contains("households: Integer");
		assertThat(info).containsPattern("Extent: \\(130\\.\\d+, 45\\.\\d+\\) - \\(13\\d\\.\\d+, 45\\.\\d+\\)");
	}

	@Test
	void csvExportHasABomAHeaderAndFullPrecisionWkt() throws Exception {
		byte[] body = this.http.get()
			.uri("/api/v1/grids/export?format=csv&community=230304001001")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/csv;charset=UTF-8")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(body[0] & 0xFF).isEqualTo(0xEF);
		String text = new String(body, StandardCharsets.UTF_8).substring(1);
		String[] lines = text.split("\r\n");
		assertThat(lines[0])
			.isEqualTo("code,name,type,households,population,community_code,street_code,community_name,valid_from,wkt");
		Map<String, Geometry> live = live("230304001001");
		assertThat(lines).hasSize(live.size() + 1);
		for (int i = 1; i < lines.length; i++) {
			String code = lines[i].substring(0, 15);
			Geometry wkt = new WKTReader()
				.read(lines[i].substring(lines[i].indexOf("\"MULTIPOLYGON") + 1, lines[i].length() - 1));
			assertThat(wkt.norm().equalsExact(live.get(code).norm(), 1e-12)).as(code).isTrue();
		}
	}

	@Test
	void exportParametersAreChecked() {
		problem("/api/v1/grids/export?format=shp", 400, "format");
		problem("/api/v1/grids/export?street=12", 400, "street");
		problem("/api/v1/grids/export?street=230304001&community=230304001001", 400, "community");
		problem("/api/v1/grids/export?asOf=yesterday", 400, "asOf");
		problem("/api/v1/grids/export?street=230304999", 404, "street");
	}

	@Test
	void exportedGeoPackageAndShapefileComeBackThroughThePreviewUnchanged() throws Exception {
		Gdal.assumePresent();
		Map<String, Geometry> live = live(null);
		Path gpkg = download("/api/v1/grids/export?format=gpkg", "roundtrip.gpkg", "application/geopackage+sqlite3");
		assertPreviewMatches(preview(gpkg, "grids.gpkg", null), live, 1e-9);
		Path zip = Gdal.shapefileZip(gpkg, this.directory, "grids", "-lco", "ENCODING=UTF-8");
		JsonNode fromShapefile = preview(zip, "grids.zip", null);
		assertThat(fromShapefile.get("format").asString()).isEqualTo("shapefile");
		assertPreviewMatches(fromShapefile, live, 1e-9);
		Path geojson = download("/api/v1/grids/export?format=geojson", "roundtrip.geojson", "application/geo+json");
		assertPreviewMatches(preview(geojson, "grids.geojson", null), live, 1e-9);
	}

	@Test
	void gcj02InputLandsWithinHalfAMetreOfTheTruth() throws Exception {
		Map<String, Geometry> live = live("230304002001");
		StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
		for (Map.Entry<String, Geometry> grid : live.entrySet()) {
			Geometry shifted = grid.getValue().copy();
			shifted.apply((org.locationtech.jts.geom.CoordinateFilter) (c) -> {
				double[] gcj = ChinaCoordinates.wgs84ToGcj02(c.x, c.y);
				c.x = gcj[0];
				c.y = gcj[1];
			});
			out.append(out.charAt(out.length() - 1) == '[' ? "" : ",")
				.append("{\"type\":\"Feature\",\"properties\":{\"code\":\"")
				.append(grid.getKey())
				.append("\"},\"geometry\":")
				.append(JSON.writeValueAsString(GeoJsonGeometry.of(shifted)))
				.append("}");
		}
		out.append("]}");
		Path file = this.directory.resolve("gcj.geojson");
		Files.writeString(file, out);
		JsonNode preview = preview(file, "gcj.geojson", "GCJ-02");
		assertThat(preview.get("crs").asString()).isEqualTo("GCJ-02");
		double worst = 0;
		for (JsonNode feature : preview.get("collection").get("features")) {
			Geometry read = geometry(feature.get("geometry"));
			Coordinate[] a = read.getCoordinates();
			Coordinate[] b = live.get(feature.get("id").asString()).getCoordinates();
			assertThat(a).hasSameSizeAs(b);
			for (int i = 0; i < a.length; i++) {
				double dx = (a[i].x - b[i].x) * 111_320 * Math.cos(Math.toRadians(b[i].y));
				double dy = (a[i].y - b[i].y) * 110_540;
				worst = Math.max(worst, Math.hypot(dx, dy));
			}
		}
		assertThat(worst).isLessThan(0.5);
	}

	@Test
	void badFilesAreProblemsThatSayWhatAndWhere() throws Exception {
		long before = count("SELECT count(*) FROM grid");
		Path unclosed = this.directory.resolve("unclosed.geojson");
		Files.writeString(unclosed, "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\","
				+ "\"properties\":{\"code\":\"230304001001901\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
				+ "[[[130.80,45.35],[130.81,45.35],[130.81,45.36],[130.80,45.36]]]}}]}");
		JsonNode problem = previewProblem(unclosed, null, 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:gridmap:problem:invalid-grid-file");
		assertThat(problem.get("feature").asInt()).isEqualTo(1);
		assertThat(problem.get("line").asInt()).isEqualTo(2);
		assertThat(problem.get("detail").asString()).contains("not closed");
		Path nan = this.directory.resolve("nan.geojson");
		Files.writeString(nan, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
				+ "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[NaN,45.35]]]}}]}");
		assertThat(previewProblem(nan, null, 400).get("detail").asString()).contains("NaN").contains("line 1");
		Path slip = this.directory.resolve("slip.zip");
		try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(slip))) {
			zip.putNextEntry(new java.util.zip.ZipEntry("../../etc/grids.shp"));
			zip.write(new byte[100]);
			zip.closeEntry();
		}
		assertThat(previewProblem(slip, "EPSG:4326", 400).get("detail").asString()).contains("zip-slip");
		assertThat(previewProblem(unclosed, "EPSG:123456789", 400).get("parameter").asString()).isEqualTo("crs");
		assertThat(count("SELECT count(*) FROM grid")).isEqualTo(before);
	}

	@Test
	void aBodyDeclaredOverTheLimitIsA413BeforeItIsRead() throws Exception {
		String answer = exchangeRaw("Content-Length: " + (70L * 1024 * 1024) + "\r\n", 0);
		assertThat(answer).startsWith("HTTP/1.1 413")
			.contains("application/problem+json")
			.contains("\"limit\":\"bytes\"");
	}

	/**
	 * Sends a raw request whose body is {@code megabytes} of spaces (chunked when the
	 * header says so) from another thread, and reads the answer meanwhile: the service
	 * answers before the client has finished sending.
	 */
	private String exchangeRaw(String header, int megabytes) throws Exception {
		try (java.net.Socket socket = new java.net.Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			java.io.OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/grids/imports/preview?crs=EPSG:4326 HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/geo+json\r\nConnection: close\r\n" + "Authorization: Bearer "
					+ adminToken() + "\r\n" + header + "\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			boolean chunked = header.contains("chunked");
			Thread sender = new Thread(() -> {
				byte[] chunk = new byte[1024 * 1024];
				java.util.Arrays.fill(chunk, (byte) ' ');
				try {
					for (int i = 0; i < megabytes; i++) {
						if (chunked) {
							out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
						}
						out.write(chunk);
						if (chunked) {
							out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
						}
					}
					if (chunked) {
						out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					}
				}
				catch (java.io.IOException ex) {
					// The service closed the connection after answering: expected.
				}
			});
			sender.start();
			byte[] answer = socket.getInputStream().readNBytes(4096);
			sender.interrupt();
			return new String(answer, StandardCharsets.UTF_8);
		}
	}

	private void assertPreviewMatches(JsonNode preview, Map<String, Geometry> live, double tolerance) throws Exception {
		assertThat(preview.get("features").asInt()).isEqualTo(live.size());
		assertThat(preview.get("invalid")).isEmpty();
		for (JsonNode feature : preview.get("collection").get("features")) {
			String code = feature.get("id").asString();
			Geometry read = GridFileReadersTest.polygonal(geometry(feature.get("geometry"))).norm();
			Geometry truth = GridFileReadersTest.polygonal(live.get(code)).norm();
			assertThat(read.equalsExact(truth, tolerance)).as(code).isTrue();
			assertThat(feature.get("properties").get("name").asString()).isNotBlank();
		}
	}

	/** A Polygon or MultiPolygon from GeoJSON. */
	static Geometry geometry(JsonNode geometry) {
		org.locationtech.jts.geom.GeometryFactory factory = new org.locationtech.jts.geom.GeometryFactory();
		JsonNode coordinates = geometry.get("coordinates");
		if ("Polygon".equals(geometry.get("type").asString())) {
			return polygon(factory, coordinates);
		}
		org.locationtech.jts.geom.Polygon[] parts = new org.locationtech.jts.geom.Polygon[coordinates.size()];
		for (int i = 0; i < parts.length; i++) {
			parts[i] = polygon(factory, coordinates.get(i));
		}
		return factory.createMultiPolygon(parts);
	}

	private static org.locationtech.jts.geom.Polygon polygon(org.locationtech.jts.geom.GeometryFactory factory,
			JsonNode rings) {
		org.locationtech.jts.geom.LinearRing[] linear = new org.locationtech.jts.geom.LinearRing[rings.size()];
		for (int r = 0; r < linear.length; r++) {
			Coordinate[] points = new Coordinate[rings.get(r).size()];
			for (int i = 0; i < points.length; i++) {
				points[i] = new Coordinate(rings.get(r).get(i).get(0).asDouble(),
						rings.get(r).get(i).get(1).asDouble());
			}
			linear[r] = factory.createLinearRing(points);
		}
		return factory.createPolygon(linear[0], java.util.Arrays.copyOfRange(linear, 1, linear.length));
	}

	private JsonNode preview(Path file, String name, String crs) throws Exception {
		byte[] body = this.http.post()
			.uri("/api/v1/grids/imports/preview")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(multipart(file, name, crs)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	private JsonNode previewProblem(Path file, String crs, int status) throws Exception {
		byte[] body = this.http.post()
			.uri("/api/v1/grids/imports/preview")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(multipart(file, file.getFileName().toString(), crs)))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> multipart(Path file,
			String name, String crs) {
		MultipartBodyBuilder builder = new MultipartBodyBuilder();
		builder.part("file", new FileSystemResource(file)).filename(name);
		if (crs != null) {
			builder.part("crs", crs);
		}
		return builder.build();
	}

	private Path download(String uri, String name, String type) throws Exception {
		// The first GeoPackage of a JVM takes seconds (the library's start-up).
		byte[] body = this.http.mutate()
			.responseTimeout(java.time.Duration.ofSeconds(60))
			.build()
			.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(type)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		Path file = this.directory.resolve(name);
		Files.write(file, body);
		return file;
	}

	private void problem(String uri, int status, String parameter) {
		this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo(parameter);
	}

	/** Live grids (of one community, or all) by code, at full precision from PostGIS. */
	private Map<String, Geometry> live(String community) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("SELECT code, ST_AsBinary(geom) AS wkb FROM grid WHERE valid_to = 'infinity'"
					+ " AND (:community::text IS NULL OR community_code = :community) ORDER BY code");
		spec = (community != null) ? spec.bind("community", community) : spec.bindNull("community", String.class);
		List<Map.Entry<String, byte[]>> rows = spec
			.map((row, meta) -> Map.entry(row.get("code", String.class), bytes(row.get("wkb"))))
			.all()
			.collectList()
			.block();
		Map<String, Geometry> live = new HashMap<>();
		for (Map.Entry<String, byte[]> row : rows) {
			try {
				live.put(row.getKey(), new WKBReader().read(row.getValue()));
			}
			catch (org.locationtech.jts.io.ParseException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return live;
	}

	private static byte[] bytes(Object value) {
		if (value instanceof java.nio.ByteBuffer buffer) {
			byte[] out = new byte[buffer.remaining()];
			buffer.get(out);
			return out;
		}
		return (byte[]) value;
	}

	private long count(String sql) {
		return this.db.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
	}

}
