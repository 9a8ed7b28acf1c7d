package org.gridmap.ogc;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** OGC API – Features under {@code /ogc}, over HTTP, on the demo district. */
class OgcApiTest extends IntegrationTest {

	static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

	static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

	static final String EPSG_4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	@Test
	void landingPageLinksTheApiConformanceAndCollections() {
		this.http.get()
			.uri("/ogc")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.links[?(@.rel == 'service-desc')].href")
			.isEqualTo(List.of(baseUrl() + "/ogc/api"))
			.jsonPath("$.links[?(@.rel == 'conformance')].href")
			.isEqualTo(List.of(baseUrl() + "/ogc/conformance"))
			.jsonPath("$.links[?(@.rel == 'data')].href")
			.isEqualTo(List.of(baseUrl() + "/ogc/collections"));
	}

	@Test
	void conformanceDeclaresCoreGeoJsonOpenApiAndCrs() {
		this.http.get()
			.uri("/ogc/conformance")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.conformsTo")
			.value((List<String> classes) -> assertThat(classes).contains(
					"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
					"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
					"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
					"http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"));
	}

	@Test
	void apiDocumentIsOpenApi30CoveringEveryPath() {
		this.http.get()
			.uri("/ogc/api")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("application/vnd.oai.openapi+json"))
			.expectBody()
			.jsonPath("$.openapi")
			.value((String version) -> assertThat(version).startsWith("3.0"))
			.jsonPath("$.paths['/collections/{collectionId}/items'].get.parameters.length()")
			.value((Integer count) -> assertThat(count).isGreaterThanOrEqualTo(8));
	}

	@Test
	void collectionsListsEveryLayerWithItsExtentAndCrs() {
		this.http.get()
			.uri("/ogc/collections")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.collections[*].id")
			.value((List<String> ids) -> assertThat(ids).containsExactly("districts", "streets", "communities", "grids",
					"stations", "incidents"))
			.jsonPath("$.collections[?(@.id == 'grids')].extent.spatial.bbox[0][0]")
			.value((List<Number> minx) -> assertThat(minx.get(0).doubleValue()).isBetween(130.5, 130.9))
			.jsonPath("$.collections[0].crs")
			.value((List<String> crs) -> assertThat(crs).contains(CRS84, EPSG_4326,
					"http://www.opengis.net/def/crs/EPSG/0/4490"))
			.jsonPath("$.collections[0].links[?(@.rel == 'items')].href")
			.isEqualTo(List.of(baseUrl() + "/ogc/collections/districts/items"));
	}

	@ParameterizedTest(name = "{0} has {1}")
	@CsvSource({ "districts, 1, 1", "streets, 6, 6", "communities, 20, 40", "grids, 146, 146", "stations, 40, 40" })
	void everyCollectionServesItsFeatures(String collection, int min, int max) {
		JsonNode page = items("/ogc/collections/" + collection + "/items?limit=10000");
		assertThat(page.get("numberMatched").asInt()).isBetween(min, max);
		assertThat(page.get("numberReturned").asInt()).isEqualTo(page.get("numberMatched").asInt());
		assertThat(page.get("features").size()).isEqualTo(page.get("numberReturned").asInt());
	}

	@Test
	void gridFeaturesAreValidGeoJsonWithCounterClockwiseShellsAndUniqueIds() {
		JsonNode page = items("/ogc/collections/grids/items?limit=10000");
		Set<String> ids = new HashSet<>();
		for (JsonNode feature : page.get("features")) {
			assertThat(feature.get("type").asString()).isEqualTo("Feature");
			assertThat(ids.add(feature.get("id").asString())).as("unique id").isTrue();
			assertThat(feature.get("id").asString()).matches("[0-9]{15}");
			Geometry geometry = GeoJsonGeometries.read(feature.get("geometry"));
			assertThat(geometry.isValid()).as("valid geometry of %s", feature.get("id")).isTrue();
			assertThat(GeoJsonGeometries.rightHandRule(geometry)).as("RFC 7946 winding of %s", feature.get("id"))
				.isTrue();
			JsonNode properties = feature.get("properties");
			assertThat(properties.get("households").asInt()).isPositive();
			assertThat(properties.get("streetName").asString()).isNotBlank();
			assertThat(properties.get("staff").size()).isGreaterThanOrEqualTo(4);
		}
		assertThat(ids).hasSize(146);
	}

	@Test
	void pagesFollowNextAndPrevLinksThroughEveryGrid() {
		JsonNode first = items("/ogc/collections/grids/items");
		assertThat(first.get("numberReturned").asInt()).isEqualTo(100);
		assertThat(first.get("numberMatched").asInt()).isEqualTo(146);
		assertThat(link(first, "prev")).isNull();
		String next = link(first, "next");
		assertThat(next).contains("offset=100");
		JsonNode second = items(next.substring(baseUrl().length()));
		assertThat(second.get("numberReturned").asInt()).isEqualTo(46);
		assertThat(link(second, "next")).isNull();
		assertThat(link(second, "prev")).contains("offset=0");
		Set<String> ids = new HashSet<>();
		first.get("features").forEach((f) -> ids.add(f.get("id").asString()));
		second.get("features").forEach((f) -> ids.add(f.get("id").asString()));
		assertThat(ids).hasSize(146);
	}

	@Test
	void limitAboveTheMaximumIsLoweredNotRefused() {
		JsonNode page = items("/ogc/collections/grids/items?limit=50000");
		assertThat(page.get("numberReturned").asInt()).isEqualTo(146);
	}

	@Test
	void bboxSelectsTheGridsItTouchesInEitherAxisOrder() {
		Map<String, Object> grid = this.db.sql("""
				SELECT code, ST_X(p) AS lon, ST_Y(p) AS lat
				FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM grid WHERE valid_to = 'infinity'
				      ORDER BY code OFFSET 40 LIMIT 1) g""").fetch().one().block();
		double lon = ((Number) grid.get("lon")).doubleValue();
		double lat = ((Number) grid.get("lat")).doubleValue();
		double d = 0.0001;
		JsonNode lonLat = items(
				"/ogc/collections/grids/items?bbox=" + (lon - d) + "," + (lat - d) + "," + (lon + d) + "," + (lat + d));
		assertThat(lonLat.get("numberMatched").asInt()).isBetween(1, 4);
		assertThat(lonLat.findValuesAsString("code")).contains((String) grid.get("code"));
		JsonNode latLon = items("/ogc/collections/grids/items?bbox-crs=" + EPSG_4326 + "&bbox=" + (lat - d) + ","
				+ (lon - d) + "," + (lat + d) + "," + (lon + d));
		assertThat(latLon.findValuesAsString("code")).isEqualTo(lonLat.findValuesAsString("code"));
		JsonNode nowhere = items("/ogc/collections/grids/items?bbox=100,10,100.1,10.1");
		assertThat(nowhere.get("numberMatched").asInt()).isZero();
		assertThat(nowhere.get("features").size()).isZero();
	}

	@Test
	void crsEpsg4326ReturnsLatitudeFirstAndSaysSoInContentCrs() {
		this.http.get()
			.uri("/ogc/collections/stations/items?limit=1&crs=" + EPSG_4326)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Crs", "<" + EPSG_4326 + ">")
			.expectBody()
			.jsonPath("$.features[0].geometry.coordinates[0]")
			.value((Number first) -> assertThat(first.doubleValue()).isBetween(44.0, 47.0));
		this.http.get()
			.uri("/ogc/collections/stations/items?limit=1")
			.exchange()
			.expectHeader()
			.valueEquals("Content-Crs", "<" + CRS84 + ">")
			.expectBody()
			.jsonPath("$.features[0].geometry.coordinates[0]")
			.value((Number first) -> assertThat(first.doubleValue()).isBetween(129.0, 132.0));
	}

	@Test
	void singleFeatureByCodeWithLinks() {
		String code = this.db.sql("SELECT min(code) AS code FROM grid WHERE valid_to = 'infinity'")
			.map((row, meta) -> row.get("code", String.class))
			.one()
			.block();
		this.http.get()
			.uri("/ogc/collections/grids/items/" + code)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(GEO_JSON)
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(code)
			.jsonPath("$.properties.code")
			.isEqualTo(code)
			.jsonPath("$.links[?(@.rel == 'collection')].href")
			.isEqualTo(List.of(baseUrl() + "/ogc/collections/grids"));
	}

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource(delimiter = '|', value = { "/ogc/collections/nothing|404", "/ogc/collections/nothing/items|404",
			"/ogc/collections/grids/items/000000000000000|404", "/ogc/collections/incidents/items/abc|404",
			"/ogc/collections/incidents/items/99999999999999999999|404", "/ogc/collections/incidents/items/-1|404",
			"/ogc/collections/grids/items?limit=0|400", "/ogc/collections/grids/items?limit=abc|400",
			"/ogc/collections/grids/items?offset=-1|400", "/ogc/collections/grids/items?bbox=1,2,3|400",
			"/ogc/collections/grids/items?bbox=a,b,c,d|400", "/ogc/collections/grids/items?bbox=131,46,130,45|400",
			"/ogc/collections/grids/items?bbox=0,0,1,100|400", "/ogc/collections/grids/items?crs=EPSG:3857|400",
			"/ogc/collections/grids/items?bbox-crs=foo|400",
			"/ogc/collections/grids/items?datetime=2020-01-01/2021-01-01|400",
			"/ogc/collections/grids/items?datetime=tomorrow|400", "/ogc/collections/grids/items?name=x|400",
			"/ogc/collections/grids/items?f=html|400", "/ogc/collections/grids/items?limit=1&limit=2|400" })
	void badRequestsAreProblems(String uri, int status) {
		this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status);
	}

	@Test
	void asOfShowsTheGridsOfThatDate() {
		JsonNode past = items("/ogc/collections/grids/items?limit=10000&datetime=1990-01-01");
		// The demo district's grids have no start date: they are there in 1990 too.
		assertThat(past.get("numberMatched").asInt()).isGreaterThanOrEqualTo(146);
	}

	private JsonNode items(String uri) {
		byte[] body = this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(GEO_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
		JsonNode page = this.json.readTree(body);
		assertThat(page.get("type").asString()).isEqualTo("FeatureCollection");
		return page;
	}

	private static String link(JsonNode page, String rel) {
		for (JsonNode link : page.get("links")) {
			if (rel.equals(link.get("rel").asString())) {
				return link.get("href").asString();
			}
		}
		return null;
	}

}
