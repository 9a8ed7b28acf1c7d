package org.gridmap.gridfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grid files into draft plans over HTTP: live grids exported as GeoPackage and as a
 * GDAL-made zipped Shapefile come back into a draft unchanged and valid; edits become
 * reshape, attribute, create and delete changes; the import obeys {@code If-Match}; bad
 * files write nothing; progress streams as NDJSON; the draft exports and opens in GDAL.
 */
class PlanImportApiTest extends IntegrationTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** 东兴 street's second community, small enough for quick drafts. */
	static final String COMMUNITY = "230304001002";

	@Autowired
	DatabaseClient db;

	@TempDir
	Path directory;

	WebTestClient slow() {
		return this.http.mutate().responseTimeout(Duration.ofSeconds(120)).build();
	}

	@Test
	void exportedGeoPackageAndShapefileImportIntoADraftUnchangedAndValid() throws Exception {
		Gdal.assumePresent();
		JsonNode plan = createPlan(COMMUNITY);
		Path gpkg = download("/api/v1/grids/export?format=gpkg&community=" + COMMUNITY, "community.gpkg");
		JsonNode imported = importFile(plan, gpkg, Map.of(), 200);
		assertThat(imported.get("import").get("unchanged").asInt()).isEqualTo(live(COMMUNITY).size());
		assertThat(imported.get("import").get("reshaped").asInt()).isZero();
		assertThat(imported.get("import").get("created").asInt()).isZero();
		assertThat(imported.get("validation").get("valid").asBoolean()).as(imported.get("validation").toString())
			.isTrue();
		Path zip = Gdal.shapefileZip(gpkg, this.directory, "community", "-lco", "ENCODING=UTF-8");
		JsonNode again = importFile(plan, zip, Map.of(), 200);
		assertThat(again.get("import").get("format").asString()).isEqualTo("shapefile");
		assertThat(again.get("import").get("unchanged").asInt()).isEqualTo(live(COMMUNITY).size());
		assertThat(again.get("validation").get("errors").asInt()).isZero();
		// The draft's grids are the live ones within 1e-9 degree.
		Map<String, Geometry> live = live(COMMUNITY);
		for (JsonNode feature : draftGrids(plan).get("features")) {
			Geometry draft = GridFileApiTest.geometry(feature.get("geometry"));
			assertThat(GridImport.sameGeometry(draft, live.get(feature.get("properties").get("code").asString())))
				.isTrue();
		}
	}

	@Test
	void editsInTheFileBecomeChangesOfTheDraft() throws Exception {
		JsonNode plan = createPlan(COMMUNITY);
		JsonNode collection = JSON.readTree(this.http.get()
			.uri("/api/v1/grids/export?format=geojson&community=" + COMMUNITY)
			.exchange()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody());
		List<JsonNode> features = new java.util.ArrayList<>();
		collection.get("features").forEach(features::add);
		// First grid renamed; second grid moved 0.0005 degree east; third left out.
		((ObjectNode) features.get(0).get("properties")).put("name", "改名网格");
		JsonNode ring = features.get(1).get("geometry").get("coordinates").get(0).get(0);
		for (JsonNode position : ring) {
			((tools.jackson.databind.node.ArrayNode) position).set(0, position.get(0).asDouble() + 0.0005);
		}
		String third = features.get(2).get("id").asString();
		features.remove(2);
		ObjectNode edited = JSON.createObjectNode().put("type", "FeatureCollection");
		edited.putArray("features").addAll(features);
		Path file = this.directory.resolve("edited.geojson");
		Files.writeString(file, edited.toString());
		JsonNode result = importFile(plan, file, Map.of("deleteMissing", "true"), 200);
		JsonNode summary = result.get("import");
		assertThat(summary.get("attributesChanged").asInt()).isEqualTo(1);
		assertThat(summary.get("reshaped").asInt()).isEqualTo(1);
		assertThat(summary.get("deleted").asInt()).isEqualTo(1);
		assertThat(result.get("plan").get("version").asInt()).isGreaterThan(plan.get("version").asInt());
		JsonNode validation = result.get("validation");
		assertThat(validation.get("valid").asBoolean()).isFalse();
		assertThat(validation.get("problems").toString()).contains("\"overlap\"").contains("\"gap\"");
		JsonNode draft = draftGrids(plan);
		assertThat(draft.get("removed").toString()).contains(third);
		assertThat(draft.toString()).contains("改名网格");
	}

	@Test
	void aBowTieEntersTheDraftAndValidationSaysWhy() throws Exception {
		JsonNode plan = createPlan(COMMUNITY);
		String code = live(COMMUNITY).keySet().iterator().next();
		Geometry grid = live(COMMUNITY).get(code);
		org.locationtech.jts.geom.Envelope box = grid.getEnvelopeInternal();
		String bowTie = "[[[" + box.getMinX() + "," + box.getMinY() + "],[" + box.getMaxX() + "," + box.getMaxY()
				+ "],[" + box.getMaxX() + "," + box.getMinY() + "],[" + box.getMinX() + "," + box.getMaxY() + "],["
				+ box.getMinX() + "," + box.getMinY() + "]]]";
		Path file = this.directory.resolve("bowtie.geojson");
		Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
				+ "{\"code\":\"" + code + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + bowTie + "}}]}");
		JsonNode result = importFile(plan, file, Map.of(), 200);
		assertThat(result.get("import").get("invalid").get(0).get("reason").asString()).isEqualTo("Self-intersection");
		assertThat(result.get("validation").get("problems").toString()).contains("invalid-geometry");
	}

	@Test
	void theImportNeedsTheCurrentETagAndBadFilesWriteNothing() throws Exception {
		JsonNode plan = createPlan(COMMUNITY);
		long id = plan.get("id").asLong();
		Path file = download("/api/v1/grids/export?format=geojson&community=" + COMMUNITY, "c.geojson");
		expectProblem(post(id, null, multipart(file, Map.of("author", "测试"))), 428);
		expectProblem(post(id, "\"plan-" + id + "-0\"", multipart(file, Map.of("author", "测试"))), 412);
		String etag = plan.get("etag").asString();
		Path unclosed = this.directory.resolve("unclosed.geojson");
		Files.writeString(unclosed,
				"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"," + "\"properties\":{\"code\":\""
						+ COMMUNITY + "901\"},\"geometry\":{\"type\":\"Polygon\","
						+ "\"coordinates\":[[[130.80,45.35],[130.81,45.35],[130.81,45.36],[130.80,45.36]]]}}]}");
		JsonNode problem = expectProblem(post(id, etag, multipart(unclosed, Map.of("author", "测试"))), 400);
		assertThat(problem.get("feature").asInt()).isEqualTo(1);
		Path elsewhere = download("/api/v1/grids/export?format=geojson&community=230304002001", "other.geojson");
		assertThat(expectProblem(post(id, etag, multipart(elsewhere, Map.of("author", "测试"))), 400).get("detail")
			.asString()).contains("not in plan");
		expectProblem(post(999_999, etag, multipart(file, Map.of("author", "测试"))), 404);
		assertThat(count("SELECT count(*) FROM plan_change WHERE plan_id = " + id + " AND kind <> 'plan'")).isZero();
		JsonNode now = JSON.readTree(this.http.get()
			.uri("/api/v1/plans/" + id)
			.exchange()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody());
		assertThat(now.get("version").asInt()).isEqualTo(plan.get("version").asInt());
	}

	@Test
	void progressStreamsAsNdjsonLines() throws Exception {
		JsonNode plan = createPlan(COMMUNITY);
		Path file = download("/api/v1/grids/export?format=geojson&community=" + COMMUNITY, "p.geojson");
		String body = slow().post()
			.uri("/api/v1/plans/" + plan.get("id").asLong() + "/imports")
			.header("If-Match", plan.get("etag").asString())
			.accept(MediaType.APPLICATION_NDJSON)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(multipart(file, Map.of("author", "测试"))))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		List<String> phases = body.lines().map((line) -> JSON.readTree(line).get("phase").asString()).toList();
		assertThat(phases).containsExactly("received", "parsed", "matched", "recorded", "done");
		String failed = slow().post()
			.uri("/api/v1/plans/" + plan.get("id").asLong() + "/imports")
			.accept(MediaType.APPLICATION_NDJSON)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(multipart(file, Map.of("author", "测试"))))
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(failed).contains("\"phase\":\"failed\"").contains("\"status\":428");
	}

	@Test
	void aDraftExportsAsGeoPackageThatGdalOpens() throws Exception {
		Gdal.assumePresent();
		JsonNode plan = createPlan(COMMUNITY);
		Path gpkg = download("/api/v1/plans/" + plan.get("id").asLong() + "/export?format=gpkg", "plan.gpkg");
		String info = Gdal.run("ogrinfo", "-ro", "-so", gpkg.toString(), "grids");
		assertThat(info).contains("Feature Count: " + live(COMMUNITY).size());
		byte[] csv = this.http.get()
			.uri("/api/v1/plans/" + plan.get("id").asLong() + "/export?format=csv")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueMatches("Content-Disposition", "attachment; filename=\"plan-\\d+-v\\d+.csv\"")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(new String(csv, StandardCharsets.UTF_8).lines()).hasSize(live(COMMUNITY).size() + 1);
	}

	private JsonNode createPlan(String parent) {
		String effective = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString();
		byte[] body = this.http.post()
			.uri("/api/v1/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"导入测试\",\"parent\":\"" + parent + "\",\"effectiveDate\":\"" + effective
					+ "\",\"author\":\"测试\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	private JsonNode importFile(JsonNode plan, Path file, Map<String, String> fields, int status) {
		JsonNode current = JSON.readTree(this.http.get()
			.uri("/api/v1/plans/" + plan.get("id").asLong())
			.exchange()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody());
		Map<String, String> all = new java.util.HashMap<>(fields);
		all.put("author", "测试");
		byte[] body = post(plan.get("id").asLong(), current.get("etag").asString(), multipart(file, all)).expectStatus()
			.isEqualTo(status)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	private WebTestClient.ResponseSpec post(long id, String ifMatch,
			org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> parts) {
		WebTestClient.RequestBodySpec spec = slow().post()
			.uri("/api/v1/plans/" + id + "/imports")
			.accept(MediaType.APPLICATION_JSON)
			.contentType(MediaType.MULTIPART_FORM_DATA);
		if (ifMatch != null) {
			spec = spec.header("If-Match", ifMatch);
		}
		return spec.body(BodyInserters.fromMultipartData(parts)).exchange();
	}

	private static JsonNode expectProblem(WebTestClient.ResponseSpec response, int status) {
		byte[] body = response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> multipart(
			Path file, Map<String, String> fields) {
		MultipartBodyBuilder builder = new MultipartBodyBuilder();
		builder.part("file", new FileSystemResource(file)).filename(file.getFileName().toString());
		fields.forEach(builder::part);
		return builder.build();
	}

	private JsonNode draftGrids(JsonNode plan) {
		return JSON.readTree(this.http.get()
			.uri("/api/v1/plans/" + plan.get("id").asLong() + "/grids")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody());
	}

	private Path download(String uri, String name) throws Exception {
		byte[] body = slow().get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		Path file = this.directory.resolve(name);
		Files.write(file, body);
		return file;
	}

	private Map<String, Geometry> live(String community) {
		Map<String, Geometry> live = new java.util.TreeMap<>();
		this.db.sql("SELECT code, ST_AsText(geom) AS wkt FROM grid WHERE valid_to = 'infinity' AND community_code = :c")
			.bind("c", community)
			.map((row, meta) -> Map.entry(row.get("code", String.class), row.get("wkt", String.class)))
			.all()
			.toStream()
			.forEach((row) -> {
				try {
					live.put(row.getKey(), new org.locationtech.jts.io.WKTReader().read(row.getValue()));
				}
				catch (org.locationtech.jts.io.ParseException ex) {
					throw new IllegalStateException(ex);
				}
			});
		return live;
	}

	private long count(String sql) {
		return this.db.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
	}

}
