package org.gridmap.open311;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open311 GeoReport v2 over HTTP in both formats: discovery, services, posting with an
 * API key (form-encoded and JSON), reading requests back with only public fields, the
 * filters and the cap.
 */
class Open311ApiTest extends IntegrationTest {

	private static final String KEY = "demo-open311-key";

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	private double[] gridPoint() {
		Map<String, Object> row = this.db.sql("""
				SELECT ST_X(p) AS lon, ST_Y(p) AS lat
				FROM (SELECT ST_PointOnSurface(geom) AS p FROM grid WHERE valid_to = 'infinity'
				      ORDER BY code LIMIT 1) g""").fetch().one().block();
		return new double[] { ((Number) row.get("lon")).doubleValue(), ((Number) row.get("lat")).doubleValue() };
	}

	private String matter() {
		return (String) this.db.sql("SELECT code FROM matter ORDER BY code LIMIT 1").fetch().one().block().get("code");
	}

	private long incidents() {
		return this.db.sql("SELECT count(*) FROM incident").map((row, meta) -> row.get(0, Long.class)).one().block();
	}

	private String get(String uri, String contentType, Object... variables) {
		byte[] body = this.http.get()
			.uri(uri, variables)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType(contentType))
			.expectBody()
			.returnResult()
			.getResponseBody();
		return new String(body, StandardCharsets.UTF_8);
	}

	private JsonNode getJson(String uri, Object... variables) {
		return this.json.readTree(get(uri, "application/json", variables));
	}

	private Document getXml(String uri) throws Exception {
		String body = get(uri, "text/xml");
		assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
		return xml(body);
	}

	private static Document xml(String body) throws Exception {
		return DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
	}

	private static String text(Element parent, String name) {
		return parent.getElementsByTagName(name).item(0).getTextContent();
	}

	private MultiValueMap<String, String> form(double[] point, String suffix) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("api_key", KEY);
		form.add("service_code", matter());
		form.add("lat", String.valueOf(point[1]));
		form.add("long", String.valueOf(point[0]));
		form.add("address_string", "Secret Lane " + suffix);
		form.add("description", "Streetlight out near door " + suffix);
		form.add("first_name", "Wang");
		form.add("last_name", "Xiaoming" + suffix);
		form.add("email", "wang" + suffix + "@example.org");
		form.add("phone", "138 0013 " + suffix.substring(0, 4).replaceAll("[^0-9]", "7"));
		form.add("device_id", "device-1");
		form.add("media_url", "https://example.org/photo.jpg");
		return form;
	}

	private String postForm(MultiValueMap<String, String> form, String format, int status) {
		byte[] body = this.http.post()
			.uri("/open311/v2/requests." + format)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody();
		return new String(body, StandardCharsets.UTF_8);
	}

	@Test
	void discoveryNamesTheGeoReportEndpointInBothFormats() throws Exception {
		JsonNode discovery = getJson("/open311/v2/discovery.json");
		assertThat(discovery.get("changeset").asString()).isNotBlank();
		JsonNode endpoint = discovery.get("endpoints").get(0);
		assertThat(endpoint.get("specification").asString()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
		assertThat(endpoint.get("url").asString()).isEqualTo(baseUrl() + "/open311/v2");
		assertThat(endpoint.get("type").asString()).isEqualTo("production");
		assertThat(endpoint.get("formats").toString()).contains("application/json", "text/xml");

		Document xml = getXml("/open311/v2/discovery.xml");
		assertThat(xml.getDocumentElement().getTagName()).isEqualTo("discovery");
		Element xmlEndpoint = (Element) xml.getElementsByTagName("endpoint").item(0);
		assertThat(text(xmlEndpoint, "url")).isEqualTo(baseUrl() + "/open311/v2");
		assertThat(xmlEndpoint.getElementsByTagName("format").getLength()).isEqualTo(2);
	}

	@Test
	void servicesAreTheAdmittedMattersInBothFormats() throws Exception {
		JsonNode services = getJson("/open311/v2/services.json");
		assertThat(services.size()).isEqualTo(43);
		JsonNode first = services.get(0);
		assertThat(first.get("service_code").asString()).isEqualTo(matter());
		assertThat(first.get("service_name").asString()).isNotBlank();
		assertThat(first.get("metadata").asBoolean()).isFalse();
		assertThat(first.get("type").asString()).isEqualTo("realtime");
		assertThat(first.get("group").asString()).isNotBlank();

		Document xml = getXml("/open311/v2/services.xml");
		assertThat(xml.getDocumentElement().getTagName()).isEqualTo("services");
		assertThat(xml.getElementsByTagName("service").getLength()).isEqualTo(43);
		Element service = (Element) xml.getElementsByTagName("service").item(0);
		assertThat(text(service, "service_code")).isEqualTo(matter());
		assertThat(text(service, "service_name")).isEqualTo(first.get("service_name").asString());
	}

	@Test
	void serviceDefinitionHasNoAttributesAndUnknownServiceIs404() throws Exception {
		JsonNode definition = getJson("/open311/v2/services/" + matter() + ".json");
		assertThat(definition.get("service_code").asString()).isEqualTo(matter());
		assertThat(definition.get("attributes").isArray()).isTrue();
		assertThat(definition.get("attributes").size()).isZero();
		Document xml = getXml("/open311/v2/services/" + matter() + ".xml");
		assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_definition");

		this.http.get()
			.uri("/open311/v2/services/no-such-matter.json")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get().uri("/open311/v2/services.csv").exchange().expectStatus().isNotFound();
	}

	@Test
	void formPostCreatesAnOpenRequestReadableWithoutPrivateData() throws Exception {
		double[] point = gridPoint();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		long before = incidents();
		JsonNode created = this.json.readTree(postForm(form(point, suffix), "json", 201));
		assertThat(incidents()).isEqualTo(before + 1);
		assertThat(created.isArray()).isTrue();
		String id = created.get(0).get("service_request_id").asString();
		assertThat(created.get(0).get("service_notice").asString()).contains("GM").contains("media_url");
		assertThat(created.get(0).has("account_id")).isTrue();
		Map<String, Object> stored = this.db
			.sql("SELECT channel, deadline, reporter_name, address, tracking_code FROM incident WHERE id = :id")
			.bind("id", Long.parseLong(id))
			.fetch()
			.one()
			.block();
		assertThat(stored.get("channel")).isEqualTo("open311");
		assertThat(stored.get("reporter_name")).isEqualTo("Wang Xiaoming" + suffix);
		assertThat(stored.get("address")).isEqualTo("Secret Lane " + suffix);
		OffsetDateTime deadline = (OffsetDateTime) stored.get("deadline");

		String one = get("/open311/v2/requests/" + id + ".json", "application/json");
		String list = get("/open311/v2/requests.json", "application/json");
		String oneXml = get("/open311/v2/requests/" + id + ".xml", "text/xml");
		for (String body : new String[] { one, list, oneXml }) {
			assertThat(body).doesNotContain(suffix, "Wang", "Xiaoming", "example.org", "138 0013", "Streetlight",
					"Secret Lane");
		}
		JsonNode request = this.json.readTree(one);
		assertThat(request.size()).isEqualTo(1);
		request = request.get(0);
		assertThat(request.get("service_request_id").asString()).isEqualTo(id);
		assertThat(request.get("status").asString()).isEqualTo("open");
		assertThat(request.get("status_notes").asString()).startsWith("reported");
		assertThat(request.get("service_code").asString()).isEqualTo(matter());
		assertThat(request.get("service_notice").asString()).isEqualTo(stored.get("tracking_code"));
		assertThat(request.has("description")).isFalse();
		assertThat(request.has("address")).isFalse();
		assertThat(OffsetDateTime.parse(request.get("expected_datetime").asString()).toInstant())
			.isEqualTo(deadline.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		double lat = request.get("lat").asDouble();
		double lon = request.get("long").asDouble();
		assertThat(lat).isNotEqualTo(point[1]).isCloseTo(point[1], org.assertj.core.data.Offset.offset(0.001));
		assertThat(lon).isNotEqualTo(point[0]).isCloseTo(point[0], org.assertj.core.data.Offset.offset(0.001));

		JsonNode listed = this.json.readTree(list);
		boolean found = false;
		for (JsonNode each : listed) {
			found |= each.get("service_request_id").asString().equals(id);
		}
		assertThat(found).as("new request in GET requests").isTrue();

		Document xml = xml(oneXml);
		assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_requests");
		Element xmlRequest = (Element) xml.getElementsByTagName("request").item(0);
		assertThat(text(xmlRequest, "service_request_id")).isEqualTo(id);
		assertThat(text(xmlRequest, "status")).isEqualTo("open");
		assertThat(Double.parseDouble(text(xmlRequest, "lat"))).isEqualTo(lat);
	}

	@Test
	void jsonPostWorksAndXmlPostAnswersInXml() throws Exception {
		double[] point = gridPoint();
		byte[] body = this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("api_key", KEY, "service_code", matter(), "lat", point[1], "long", point[0],
					"description", "JSON report"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		String id = this.json.readTree(body).get(0).get("service_request_id").asString();
		assertThat(getJson("/open311/v2/requests/" + id + ".json").get(0).get("status").asString()).isEqualTo("open");

		String xmlBody = postForm(form(point, UUID.randomUUID().toString().substring(0, 8)), "xml", 201);
		Document xml = xml(xmlBody);
		assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_requests");
		Element created = (Element) xml.getElementsByTagName("request").item(0);
		assertThat(text(created, "service_request_id")).matches("\\d+");
		assertThat(created.getElementsByTagName("account_id").getLength()).isEqualTo(1);
	}

	@Test
	void idempotencyKeyMakesARetryAnswerWithTheSameRequest() {
		MultiValueMap<String, String> form = form(gridPoint(), UUID.randomUUID().toString().substring(0, 8));
		String key = UUID.randomUUID().toString();
		String[] ids = new String[2];
		for (int i = 0; i < 2; i++) {
			byte[] body = this.http.post()
				.uri("/open311/v2/requests.json")
				.header("Idempotency-Key", key)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(BodyInserters.fromFormData(form))
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody()
				.returnResult()
				.getResponseBody();
			ids[i] = this.json.readTree(body).get(0).get("service_request_id").asString();
		}
		assertThat(ids[1]).isEqualTo(ids[0]);
	}

	@Test
	void refusedPostsStoreNothing() throws Exception {
		double[] point = gridPoint();
		long before = incidents();

		MultiValueMap<String, String> noKey = form(point, "11111111");
		noKey.remove("api_key");
		assertThat(this.json.readTree(postForm(noKey, "json", 403)).get("parameter").asString()).isEqualTo("api_key");
		MultiValueMap<String, String> wrongKey = form(point, "22222222");
		wrongKey.set("api_key", "not-a-key");
		postForm(wrongKey, "xml", 403);

		MultiValueMap<String, String> unknownService = form(point, "33333333");
		unknownService.set("service_code", "no-such-matter");
		assertThat(this.json.readTree(postForm(unknownService, "json", 400)).get("parameter").asString())
			.isEqualTo("service_code");

		MultiValueMap<String, String> noLocation = form(point, "44444444");
		noLocation.remove("lat");
		noLocation.remove("long");
		JsonNode problem = this.json.readTree(postForm(noLocation, "json", 400));
		assertThat(problem.get("parameter").asString()).isEqualTo("lat");
		assertThat(problem.get("detail").asString()).contains("geocode");

		MultiValueMap<String, String> badPhone = form(point, "55555555");
		badPhone.set("phone", "call me");
		assertThat(this.json.readTree(postForm(badPhone, "json", 400)).get("parameter").asString()).isEqualTo("phone");

		this.http.post()
			.uri("/open311/v2/requests.json")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("service_code", matter(), "lat", point[1], "long", point[0]))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(incidents()).isEqualTo(before);
	}

	@Test
	void requestsFilterByStatusServiceAndDates() throws Exception {
		Map<String, Object> span = this.db.sql("SELECT min(reported_at) AS lo, max(reported_at) AS hi FROM incident")
			.fetch()
			.one()
			.block();
		String start = ((OffsetDateTime) span.get("lo")).withOffsetSameInstant(ZoneOffset.UTC)
			.minusSeconds(1)
			.toString();

		JsonNode closed = getJson("/open311/v2/requests.json?status=closed&start_date=" + start);
		assertThat(closed.size()).isPositive();
		for (JsonNode each : closed) {
			assertThat(each.get("status").asString()).isEqualTo("closed");
		}
		JsonNode open = getJson("/open311/v2/requests.json?status=open");
		for (JsonNode each : open) {
			assertThat(each.get("status").asString()).isEqualTo("open");
		}

		String code = closed.get(0).get("service_code").asString();
		JsonNode ofService = getJson("/open311/v2/requests.json?service_code=" + code + "&start_date=" + start);
		assertThat(ofService.size()).isPositive();
		for (JsonNode each : ofService) {
			assertThat(each.get("service_code").asString()).isEqualTo(code);
		}

		OffsetDateTime day = OffsetDateTime.parse(closed.get(0).get("requested_datetime").asString());
		String from = day.minusDays(1).toString();
		String to = day.plusDays(1).toString();
		// Offsets such as +08:00 as a client sends them: percent-encoded.
		JsonNode window = getJson("/open311/v2/requests.json?start_date={from}&end_date={to}", from, to);
		assertThat(window.size()).isPositive();
		for (JsonNode each : window) {
			OffsetDateTime requested = OffsetDateTime.parse(each.get("requested_datetime").asString());
			assertThat(requested).isBetween(day.minusDays(1), day.plusDays(1));
		}

		String id = closed.get(0).get("service_request_id").asString();
		JsonNode byId = getJson("/open311/v2/requests.json?service_request_id=" + id + "&status=open");
		assertThat(byId.size()).as("service_request_id overrides the other filters").isEqualTo(1);

		for (String bad : new String[] { "start_date=yesterday", "end_date=2026-13-01", "status=pending",
				"service_request_id=abc" }) {
			this.http.get()
				.uri("/open311/v2/requests.json?" + bad)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void requestsAreCappedAtOneThousandNewestFirst() throws Exception {
		long all = this.db.sql("SELECT count(*) FROM incident")
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(all).as("the demo district's incidents").isGreaterThan(1000);
		JsonNode requests = getJson("/open311/v2/requests.json?start_date=2000-01-01");
		assertThat(requests.size()).isEqualTo(1000);
		OffsetDateTime previous = null;
		for (JsonNode each : requests) {
			OffsetDateTime requested = OffsetDateTime.parse(each.get("requested_datetime").asString());
			if (previous != null) {
				assertThat(requested).isBeforeOrEqualTo(previous);
			}
			previous = requested;
		}
		Document xml = getXml("/open311/v2/requests.xml?start_date=2000-01-01");
		assertThat(xml.getElementsByTagName("request").getLength()).isEqualTo(1000);
	}

	@Test
	void unknownRequestIs404() {
		for (String id : new String[] { "999999999", "abc" }) {
			this.http.get()
				.uri("/open311/v2/requests/" + id + ".json")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
		this.http.get()
			.uri("/open311/v2/requests/999999999.xml")
			.header("Accept", "text/xml")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

}
