package org.gridmap.incident;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.gridmap.IntegrationTest;
import org.gridmap.geo.ChinaCoordinates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake, assignment, the loop, idempotency, photos, the stream and privacy, over HTTP.
 */
class IncidentApiTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	private Map<String, Object> gridPoint(int offset) {
		return this.db.sql("""
				SELECT g.code, ST_X(p) AS lon, ST_Y(p) AS lat,
				       (SELECT name FROM grid_staff s WHERE s.grid_code = g.code AND s.role = 'full_time'
				        ORDER BY sort_order, id LIMIT 1) AS worker
				FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM grid WHERE valid_to = 'infinity'
				      ORDER BY code OFFSET :offset LIMIT 1) g""").bind("offset", offset).fetch().one().block();
	}

	private Map<String, Object> matter() {
		return this.db.sql("SELECT code, department_code, time_limit_hours FROM matter ORDER BY code LIMIT 1")
			.fetch()
			.one()
			.block();
	}

	private long count(String sql) {
		return this.db.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block();
	}

	private JsonNode create(Map<String, Object> body, String key) {
		byte[] response = this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.headers((h) -> {
				if (key != null) {
					h.set("Idempotency-Key", key);
				}
			})
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.exists("Location")
			.expectBody()
			.returnResult()
			.getResponseBody();
		return this.json.readTree(response);
	}

	private Map<String, Object> report(Map<String, Object> point, String description) {
		return Map.of("matter", matter().get("code"), "description", description, "lon", point.get("lon"), "lat",
				point.get("lat"), "channel", "app", "reporter",
				Map.of("name", "李女士", "phone", "13900001111", "email", "li@example.com"));
	}

	private JsonNode detail(long id) {
		return this.json.readTree(this.http.get()
			.uri("/api/v1/incidents/" + id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private JsonNode act(long id, String action, String role, Map<String, Object> extra, int status) {
		return act(this.http, id, action, role, extra, status);
	}

	/**
	 * The role in the body is what older clients send; the signed-in user's roles decide.
	 */
	private JsonNode act(WebTestClient client, long id, String action, String role, Map<String, Object> extra,
			int status) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("action", action, "actor", "测试员", "role", role));
		body.putAll(extra);
		byte[] response = client.post()
			.uri("/api/v1/incidents/" + id + "/actions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody();
		return this.json.readTree(response);
	}

	@Test
	void reportIsAssignedToItsGridWorkerAndDepartmentWithADeadline() {
		Map<String, Object> point = gridPoint(11);
		Map<String, Object> matter = matter();
		JsonNode receipt = create(report(point, "小区东门井盖冒水"), null);
		assertThat(receipt.get("gridCode").asString()).isEqualTo(point.get("code"));
		assertThat(receipt.get("trackingCode").asString()).matches("GM\\d{8}-[0-9A-Z]{6}");
		JsonNode detail = detail(receipt.get("id").asLong());
		assertThat(detail.get("status").asString()).isEqualTo("reported");
		assertThat(detail.get("assignedWorker").asString()).isEqualTo(point.get("worker"));
		assertThat(detail.get("departmentCode").asString()).isEqualTo(matter.get("department_code"));
		assertThat(detail.get("streetCode").asString()).isEqualTo(((String) point.get("code")).substring(0, 9));
		Duration limit = Duration.between(OffsetDateTime.parse(detail.get("reportedAt").asString()),
				OffsetDateTime.parse(detail.get("deadline").asString()));
		assertThat(limit).isEqualTo(Duration.ofHours(((Number) matter.get("time_limit_hours")).longValue()));
		assertThat(detail.get("timeline").get(0).get("action").asString()).isEqualTo("report");
		assertThat(detail.get("allowedActions").findValuesAsString("action")).contains("register", "reject");
	}

	@Test
	void reportOutsideEveryGridIsStoredForTheDistrictDesk() {
		// Harbin: in China, far outside the district.
		JsonNode receipt = create(report(Map.of("lon", 126.63, "lat", 45.75), "区外的报告"), null);
		assertThat(receipt.get("gridCode").isNull()).isTrue();
		assertThat(count(
				"SELECT count(*) FROM incident WHERE id = " + receipt.get("id").asLong() + " AND grid_code IS NULL"))
			.isEqualTo(1);
	}

	@Test
	void gcj02LocationFromAChineseMapAppLandsInTheRightGrid() {
		Map<String, Object> point = gridPoint(23);
		double[] gcj = ChinaCoordinates.wgs84ToGcj02(((Number) point.get("lon")).doubleValue(),
				((Number) point.get("lat")).doubleValue());
		Map<String, Object> body = new java.util.HashMap<>(report(point, "微信定位的报告"));
		body.put("lon", gcj[0]);
		body.put("lat", gcj[1]);
		body.put("crs", "GCJ-02");
		assertThat(create(body, null).get("gridCode").asString()).isEqualTo(point.get("code"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"{\"matter\":\"no-such-matter\",\"description\":\"x\",\"lon\":130.8,\"lat\":45.35}|matter",
			"{\"matter\":\"DROP TABLE\",\"description\":\"x\",\"lon\":130.8,\"lat\":45.35}|matter",
			"{\"matter\":\"@M\",\"description\":\"\",\"lon\":130.8,\"lat\":45.35}|description",
			"{\"matter\":\"@M\",\"description\":\"x\",\"lat\":45.35}|lon",
			"{\"matter\":\"@M\",\"description\":\"x\",\"lon\":130.8,\"lat\":95}|lat",
			"{\"matter\":\"@M\",\"description\":\"x\",\"lon\":2.35,\"lat\":48.86}|lon",
			"{\"matter\":\"@M\",\"description\":\"x\",\"lon\":45.35,\"lat\":80.8}|lon",
			"{\"matter\":\"@M\",\"description\":\"x\",\"lon\":130.8,\"lat\":45.35,\"crs\":\"EPSG:3857\"}|crs",
			"{\"matter\":\"@M\",\"description\":\"x\",\"lon\":130.8,\"lat\":45.35,\"channel\":\"fax\"}|channel",
			"{\"matter\":\"@M\",\"description\":\"x\",\"lon\":130.8,\"lat\":45.35,\"reporter\":{\"phone\":\"call me\"}}|reporterPhone" })
	void badReportsAreRefusedAndNothingIsStored(String body, String parameter) {
		long before = count("SELECT count(*) FROM incident");
		this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.replace("@M", (String) matter().get("code")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo(parameter);
		assertThat(count("SELECT count(*) FROM incident")).isEqualTo(before);
	}

	@Test
	void retryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndStoresOnce() {
		String key = UUID.randomUUID().toString();
		Map<String, Object> body = report(gridPoint(31), "电梯故障，困人");
		JsonNode first = create(body, key);
		JsonNode again = create(body, key);
		assertThat(again.get("id").asLong()).isEqualTo(first.get("id").asLong());
		assertThat(again.get("trackingCode").asString()).isEqualTo(first.get("trackingCode").asString());
		assertThat(again.get("replayed").asBoolean()).isTrue();
		assertThat(count("SELECT count(*) FROM incident WHERE description = '电梯故障，困人'")).isEqualTo(1);
		long before = count("SELECT count(*) FROM incident");
		this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", key)
			.bodyValue(report(gridPoint(31), "另一件事"))
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(count("SELECT count(*) FROM incident")).isEqualTo(before);
	}

	@Test
	void theWholeLoopFromReportToSatisfactionIsStampedInTheTimeline() {
		long id = create(report(gridPoint(41), "飞线充电"), null).get("id").asLong();
		act(id, "register", "dispatcher", Map.of(), 200);
		act(id, "dispatch", "dispatcher", Map.of("note", "派往住建局"), 200);
		act(id, "accept", "department", Map.of(), 200);
		act(id, "handle", "department", Map.of("note", "已拆除飞线"), 200);
		act(id, "fail_verification", "grid_worker", Map.of("note", "仍有一处"), 200);
		assertThat(detail(id).get("status").asString()).isEqualTo("handling");
		act(id, "handle", "department", Map.of("note", "全部拆除"), 200);
		act(id, "verify", "grid_worker", Map.of(), 200);
		act(id, "close", "dispatcher", Map.of(), 200);
		JsonNode rated = act(id, "rate", "public", Map.of("rating", 5, "note", "很满意"), 200);
		assertThat(rated.get("status").asString()).isEqualTo("closed");
		assertThat(rated.get("satisfaction").asInt()).isEqualTo(5);
		assertThat(rated.get("closedAt").isNull()).isFalse();
		assertThat(rated.get("timeline").findValuesAsString("action")).containsExactly("report", "register", "dispatch",
				"accept", "handle", "fail_verification", "handle", "verify", "close", "rate");
		assertThat(rated.get("timeline").findValuesAsString("actor")).allMatch((actor) -> !actor.isBlank());
		// Rated once only.
		act(id, "rate", "public", Map.of("rating", 1), 409);
	}

	@Test
	void stepsNotAllowedInTheStateOrForTheRoleChangeNothing() {
		long id = create(report(gridPoint(42), "噪音扰民"), null).get("id").asLong();
		JsonNode conflict = act(id, "close", "dispatcher", Map.of(), 409);
		assertThat(conflict.get("status").asInt()).isEqualTo(409);
		assertThat(conflict.get("detail").asString()).contains("reported");
		String district = ((String) gridPoint(42).get("code")).substring(0, 6);
		act(client("GRID_WORKER", district), id, "register", "dispatcher", Map.of(), 403);
		act(id, "reject", "dispatcher", Map.of(), 400);
		act(id, "dance", "dispatcher", Map.of(), 400);
		act(id, "dispatch", "dispatcher", Map.of("department", "nowhere"), 409);
		JsonNode detail = detail(id);
		assertThat(detail.get("status").asString()).isEqualTo("reported");
		assertThat(detail.get("timeline").size()).isEqualTo(1);
		act(id, "reject", "dispatcher", Map.of("reason", "not_our_matter"), 200);
		assertThat(detail(id).get("status").asString()).isEqualTo("rejected");
	}

	@Test
	void timelineRowsCannotBeRewritten() {
		long id = create(report(gridPoint(43), "占道经营"), null).get("id").asLong();
		assertThat(this.db.sql("UPDATE incident_event SET note = 'x' WHERE incident_id = " + id)
			.then()
			.onErrorResume((ex) -> Mono.empty())
			.thenReturn(count("SELECT count(*) FROM incident_event WHERE incident_id = " + id + " AND note = 'x'"))
			.block()).isZero();
	}

	@Test
	void nearbyOpenReportOfTheSameMatterIsSuggestedAsDuplicate() {
		Map<String, Object> point = gridPoint(51);
		long first = create(report(point, "下水道堵塞"), null).get("id").asLong();
		Map<String, Object> near = new java.util.HashMap<>(report(point, "下水道又堵了"));
		near.put("lon", ((Number) point.get("lon")).doubleValue() + 0.0002);
		JsonNode second = create(near, null);
		assertThat(second.get("possibleDuplicates").valueStream().map(JsonNode::asLong).toList()).contains(first);
	}

	@Test
	void photosAreStoredWithoutExif() throws Exception {
		byte[] jpeg = jpegWithExif();
		assertThat(new String(jpeg, StandardCharsets.ISO_8859_1)).contains("Exif").contains("GPS-SECRET");
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("report", this.json.writeValueAsString(report(gridPoint(61), "卫生死角，见照片")));
		parts.part("photo", new ByteArrayResource(jpeg) {
			@Override
			public String getFilename() {
				return "photo.jpg";
			}
		}).contentType(MediaType.IMAGE_JPEG);
		byte[] response = this.http.post()
			.uri("/api/v1/incidents")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		long id = this.json.readTree(response).get("id").asLong();
		String url = detail(id).get("photos").get(0).get("url").asString();
		byte[] stored = this.http.get()
			.uri(url)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_JPEG)
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(ImageIO.read(new java.io.ByteArrayInputStream(stored)).getWidth()).isEqualTo(64);
		String text = new String(stored, StandardCharsets.ISO_8859_1);
		assertThat(text).doesNotContain("GPS-SECRET").doesNotContain("Exif");
	}

	@Test
	void aFileThatIsNotAnImageIsRefusedAndNothingIsStored() {
		long before = count("SELECT count(*) FROM incident");
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("report", this.json.writeValueAsString(report(gridPoint(62), "照片不是图片")));
		parts.part("photo", new ByteArrayResource("<script>alert(1)</script>".getBytes()) {
			@Override
			public String getFilename() {
				return "evil.jpg";
			}
		}).contentType(MediaType.IMAGE_JPEG);
		this.http.post()
			.uri("/api/v1/incidents")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gridmap:problem:photo-rejected");
		assertThat(count("SELECT count(*) FROM incident")).isEqualTo(before);
	}

	@Test
	void oversizedPhotosAndTooManyPhotosAreRefusedAndNothingIsStored() throws Exception {
		long before = count("SELECT count(*) FROM incident");
		MultipartBodyBuilder big = new MultipartBodyBuilder();
		big.part("report", this.json.writeValueAsString(report(gridPoint(63), "照片太大")));
		big.part("photo", new ByteArrayResource(new byte[6 * 1024 * 1024]) {
			@Override
			public String getFilename() {
				return "huge.jpg";
			}
		}).contentType(MediaType.IMAGE_JPEG);
		this.http.post()
			.uri("/api/v1/incidents")
			.body(BodyInserters.fromMultipartData(big.build()))
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(400, 413))
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		MultipartBodyBuilder many = new MultipartBodyBuilder();
		many.part("report", this.json.writeValueAsString(report(gridPoint(64), "照片太多")));
		byte[] jpeg = jpegWithExif();
		for (int i = 0; i < 6; i++) {
			many.part("photo", new ByteArrayResource(jpeg) {
				@Override
				public String getFilename() {
					return "p.jpg";
				}
			}).contentType(MediaType.IMAGE_JPEG);
		}
		this.http.post()
			.uri("/api/v1/incidents")
			.body(BodyInserters.fromMultipartData(many.build()))
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(count("SELECT count(*) FROM incident")).isEqualTo(before);
	}

	@Test
	void everyCommittedStepStreamsToDispatchers() {
		WebClient client = WebClient.builder()
			.baseUrl(baseUrl())
			.defaultHeader("Authorization", "Bearer " + adminToken())
			.build();
		Flux<ServerSentEvent<String>> events = client.get()
			.uri("/api/v1/incidents/stream")
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.filter((event) -> "incident".equals(event.event()));
		Map<String, Object> body = report(gridPoint(71), "流式推送测试");
		Mono<Long> created = Mono.delay(Duration.ofMillis(700))
			.then(Mono.fromCallable(() -> create(body, null).get("id").asLong())
				.subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()));
		List<ServerSentEvent<String>> received = events.take(1)
			.mergeWith(created.then(Mono.empty()))
			.collectList()
			.block(Duration.ofSeconds(20));
		JsonNode data = this.json.readTree(received.get(0).data());
		assertThat(data.get("action").asString()).isEqualTo("report");
		assertThat(data.get("feature").get("properties").get("description").asString()).isEqualTo("流式推送测试");
	}

	@Test
	void publicViewsNeverShowTheReporterOrTheExactLocation() {
		Map<String, Object> point = gridPoint(81);
		JsonNode receipt = create(report(point, "私密描述 13900001111"), null);
		long id = receipt.get("id").asLong();
		String item = new String(this.http.get()
			.uri("/ogc/collections/incidents/items/" + id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(item).doesNotContain("13900001111")
			.doesNotContain("李女士")
			.doesNotContain("li@example.com")
			.doesNotContain("私密描述");
		JsonNode coordinates = this.json.readTree(item).get("geometry").get("coordinates");
		double lon = ((Number) point.get("lon")).doubleValue();
		assertThat(coordinates.get(0).asDouble()).isEqualTo((Math.floor(lon / 0.001) + 0.5) * 0.001,
				org.assertj.core.data.Offset.offset(1e-7));
		String track = new String(this.http.get()
			.uri("/api/v1/incidents/track/" + receipt.get("trackingCode").asString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(track).contains("\"reported\"")
			.doesNotContain("13900001111")
			.doesNotContain("李女士")
			.doesNotContain("私密描述");
	}

	@Test
	void dispatcherListFiltersByStatusMatterAndDeadline() {
		long id = create(report(gridPoint(91), "列表过滤测试"), null).get("id").asLong();
		JsonNode page = this.json.readTree(this.http.get()
			.uri("/api/v1/incidents?status=reported&matter=" + matter().get("code") + "&limit=10000")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("application/geo+json"))
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(page.get("features").valueStream().map((f) -> f.get("id").asLong()).toList()).contains(id);
		assertThat(page.findValuesAsString("status")).containsOnly("reported");
		JsonNode overdue = this.json.readTree(this.http.get()
			.uri("/api/v1/incidents?deadline=overdue&limit=5")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		overdue.get("features")
			.forEach((f) -> assertThat(f.get("properties").get("deadlineState").asString()).isEqualTo("overdue"));
		for (String bad : List.of("status=lost", "deadline=late", "limit=0", "from=yesterday", "grid=12", "sort=id",
				"bbox=1,2,3")) {
			this.http.get().uri("/api/v1/incidents?" + bad).exchange().expectStatus().isBadRequest();
		}
	}

	/** A 64×48 JPEG with an APP1 Exif segment that carries a recognisable GPS marker. */
	private static byte[] jpegWithExif() throws Exception {
		BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		image.getGraphics().fillRect(8, 8, 20, 20);
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", plain);
		byte[] jpeg = plain.toByteArray();
		int app0 = 2 + 2 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
		byte[] payload = "Exif\0\0GPS-SECRET 45.35N 130.80E".getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, app0);
		out.write(0xFF);
		out.write(0xE1);
		out.write((payload.length + 2) >> 8);
		out.write((payload.length + 2) & 0xff);
		out.write(payload);
		out.write(jpeg, app0, jpeg.length - app0);
		return out.toByteArray();
	}

}
