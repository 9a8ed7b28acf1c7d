package org.gridmap.station;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The station management API over HTTP: create, read, change with ETag/If-Match, delete,
 * list filters, and bad input answered with a problem naming the field.
 */
class StationApiTest extends IntegrationTest {

	private static final String NEW = """
			{"code": "TAPI01", "name": "测试党群驿站", "type": "党群驿站", "address": "滴道区东兴街道测试路1号",
			 "lon": 130.80, "lat": 45.35, "hours": "每日 08:00-18:00", "phone": "0467-1234567",
			 "services": ["政策咨询", "便民服务"]}""";

	@Autowired
	DatabaseClient db;

	@AfterEach
	void removeTestStations() {
		this.db.sql("DELETE FROM service_station WHERE code LIKE 'TAPI%'").then().block();
	}

	@Test
	void createdStationCanBeReadChangedWithItsEtagAndDeleted() {
		String etag = this.http.post()
			.uri("/api/v1/stations")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(NEW)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.location("/api/v1/stations/TAPI01")
			.expectBody()
			.jsonPath("$.properties.type")
			.isEqualTo("党群驿站")
			.jsonPath("$.properties.services[1]")
			.isEqualTo("便民服务")
			.jsonPath("$.geometry.coordinates[0]")
			.isEqualTo(130.8)
			.returnResult()
			.getResponseHeaders()
			.getETag();
		assertThat(etag).isEqualTo("\"TAPI01.1\"");

		// PATCH changes only the fields given, and the ETag moves on
		String next = this.http.patch()
			.uri("/api/v1/stations/TAPI01")
			.header(HttpHeaders.IF_MATCH, etag)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"hours\": \"全天24小时\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.properties.hours")
			.isEqualTo("全天24小时")
			.jsonPath("$.properties.name")
			.isEqualTo("测试党群驿站")
			.jsonPath("$.properties.version")
			.isEqualTo(2)
			.returnResult()
			.getResponseHeaders()
			.getETag();
		assertThat(next).isEqualTo("\"TAPI01.2\"");

		// the old ETag is stale now: 412 with the current one
		this.http.put()
			.uri("/api/v1/stations/TAPI01")
			.header(HttpHeaders.IF_MATCH, etag)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(NEW)
			.exchange()
			.expectStatus()
			.isEqualTo(412)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.etag")
			.isEqualTo(next);

		// PUT replaces everything, in GCJ-02 converted at the edge
		this.http.put()
			.uri("/api/v1/stations/TAPI01")
			.header(HttpHeaders.IF_MATCH, next)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"name\": \"改名驿站\", \"type\": \"民悦驿站\", \"lon\": 130.806, \"lat\": 45.352, \"crs\": \"GCJ-02\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.properties.type")
			.isEqualTo("民悦驿站")
			.jsonPath("$.properties.hours")
			.doesNotExist()
			.jsonPath("$.geometry.coordinates[0]")
			.value((Double lon) -> assertThat(lon).isBetween(130.79, 130.806));

		this.http.get()
			.uri("/api/v1/stations/TAPI01")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"TAPI01.3\"");
		this.http.delete()
			.uri("/api/v1/stations/TAPI01")
			.header(HttpHeaders.IF_MATCH, "\"TAPI01.3\"")
			.exchange()
			.expectStatus()
			.isNoContent();
		this.http.get().uri("/api/v1/stations/TAPI01").exchange().expectStatus().isNotFound();
	}

	@Test
	void changesWithoutIfMatchAreRefusedWith428() {
		this.http.post()
			.uri("/api/v1/stations")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(NEW)
			.exchange()
			.expectStatus()
			.isCreated();
		this.http.patch()
			.uri("/api/v1/stations/TAPI01")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"x\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(428)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gridmap:problem:if-match-required");
		this.http.delete().uri("/api/v1/stations/TAPI01").exchange().expectStatus().isEqualTo(428);
		this.http.get()
			.uri("/api/v1/stations/TAPI01")
			.exchange()
			.expectBody()
			.jsonPath("$.properties.version")
			.isEqualTo(1);
	}

	@Test
	void newStationWithoutCodeGetsOneFromItsId() {
		String location = this.http.post()
			.uri("/api/v1/stations")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"无编码驿站\", \"type\": \"暖新驿站\", \"lon\": 130.8, \"lat\": 45.35}")
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(String.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		assertThat(location).matches("/api/v1/stations/ST\\d{3,}");
		this.db.sql("DELETE FROM service_station WHERE code = :code")
			.bind("code", location.substring(location.lastIndexOf('/') + 1))
			.then()
			.block();
	}

	@Test
	void listFiltersByTypeAndStreet() {
		this.http.get()
			.uri("/api/v1/stations?type=暖新驿站")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.numberMatched")
			.isEqualTo(4)
			.jsonPath("$.features[*].properties.type")
			.value((java.util.List<String> types) -> assertThat(types).containsOnly("暖新驿站"));
		this.http.get()
			.uri("/api/v1/stations?street=东兴街道")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.features[*].properties.street.name")
			.value((java.util.List<String> streets) -> assertThat(streets).isNotEmpty().containsOnly("东兴街道"));
		this.http.get().uri("/api/v1/stations").exchange().expectBody().jsonPath("$.numberMatched").isEqualTo(40);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"name": "x", "type": "茶馆", "lon": 130.8, "lat": 45.35}                        | type
			{"type": "党群驿站", "lon": 130.8, "lat": 45.35}                                   | name
			{"name": "x", "type": "党群驿站", "lat": 45.35}                                    | lon
			{"name": "x", "type": "党群驿站", "lon": 130.8, "lat": 130.8}                      | lat
			{"name": "x", "type": "党群驿站", "lon": "130.8", "lat": 45.35}                    | lon
			{"name": "x", "type": "党群驿站", "lon": 130.8, "lat": 45.35, "crs": "EPSG:3857"}  | crs
			{"name": "x", "type": "党群驿站", "lon": 130.8, "lat": 45.35, "phone": "call me"}  | phone
			{"name": "x", "type": "党群驿站", "lon": 130.8, "lat": 45.35, "services": "all"}   | services
			{"name": "x", "type": "党群驿站", "lon": 130.8, "lat": 45.35, "services": [1]}     | services[0]
			{"name": "x", "type": "党群驿站", "lon": 130.8, "lat": 45.35, "code": "a b"}       | code
			{"name": "x", "type": "党群驿站", "lon": 130.8, "lat": 45.35, "colour": "red"}     | colour
			[1, 2]                                                                           | body
			{"name":                                                                         | body
			""")
	void badInputIsA400ProblemNamingTheField(String body, String field) {
		this.http.post()
			.uri("/api/v1/stations")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo(field);
		assertThat(this.db.sql("SELECT count(*) FROM service_station")
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block()).isEqualTo(40);
	}

	@Test
	void takenCodeIsAConflict() {
		this.http.post()
			.uri("/api/v1/stations")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"code\": \"ST001\", \"name\": \"x\", \"type\": \"党群驿站\", \"lon\": 130.8, \"lat\": 45.35}")
			.exchange()
			.expectStatus()
			.isEqualTo(409);
	}

	@Test
	void unknownStationIs404() {
		this.http.get()
			.uri("/api/v1/stations/NOPE")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gridmap:problem:no-such-station");
		this.http.get().uri("/api/v1/stations/NOPE/circle").exchange().expectStatus().isNotFound();
	}

}
