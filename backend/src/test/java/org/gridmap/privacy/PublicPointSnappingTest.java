package org.gridmap.privacy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridmap.IntegrationTest;
import org.gridmap.tiles.MvtDecoder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The public point of a report is the centre of its 0.001° cell (gridmap_public_point,
 * V2): the same in every output and every format, on every request; at most 0.0005° from
 * the exact point on each axis (about 56 m north-south, 56 m × cos(latitude) east-west,
 * 68 m in all at the demo's 45° N); and never jittered, so that many reports at one exact
 * point show one public point whose mean is that point, not the exact one.
 */
class PublicPointSnappingTest extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int REPORTS = 12;

	@Autowired
	DatabaseClient db;

	@Test
	void manyReportsAtOneExactPointShowOneCellCentreInEveryOutputAndDoNotAverageBackToIt() {
		WebTestClient anonymous = WebTestClient.bindToServer().baseUrl(baseUrl()).build();
		Canaries canaries = new Canaries();
		// Far from the centre of the cell on both axes (0.39 of a cell each way).
		Canaries.Point exact = Canaries.exactPoint(this.db, 23, 0.00011234123, 0.00088734123);
		String matter = this.db.sql("SELECT min(code) FROM matter")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < REPORTS; i++) {
			ids.add(canaries.report(anonymous, exact, matter).get("id").asLong());
		}

		double sumLon = 0;
		double sumLat = 0;
		for (long id : ids) {
			for (int round = 0; round < 2; round++) {
				double[] ogc = ogc(anonymous, id);
				double[] json = open311Json(anonymous, id);
				double[] xml = open311Xml(anonymous, id);
				for (double[] point : List.of(ogc, json, xml)) {
					assertThat(point[0]).isCloseTo(exact.publicLon(), within(1e-7));
					assertThat(point[1]).isCloseTo(exact.publicLat(), within(1e-7));
				}
				if (round == 0) {
					sumLon += ogc[0];
					sumLat += ogc[1];
				}
			}
		}
		// The tile at z16 shows every one of them at the centre too (within a tile unit).
		int z = 16;
		int x = PublicOutputPrivacyTest.tileX(exact.lon(), z);
		int y = PublicOutputPrivacyTest.tileY(exact.lat(), z);
		byte[] tile = anonymous.get()
			.uri("/tiles/incidents/" + z + "/" + x + "/" + y + ".mvt")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		int inTile = 0;
		for (MvtDecoder.Layer layer : MvtDecoder.decode(tile)) {
			for (MvtDecoder.Feature feature : layer.features()) {
				if (ids.contains(((Number) feature.properties().get("id")).longValue())) {
					int[] p = feature.rings().get(0).get(0);
					double lon = (x + p[0] / (double) layer.extent()) / (1 << z) * 360 - 180;
					double lat = Math.toDegrees(
							Math.atan(Math.sinh(Math.PI * (1 - 2 * (y + p[1] / (double) layer.extent()) / (1 << z)))));
					assertThat(lon).isCloseTo(exact.publicLon(), within(3e-6));
					assertThat(lat).isCloseTo(exact.publicLat(), within(3e-6));
					inTile++;
				}
			}
		}
		assertThat(inTile).isEqualTo(REPORTS);

		// Hotspot cells much smaller than the snapping (25 m), over a window of minutes
		// around the reports (Open311 publishes each report's time and category), count
		// them at their public point, not at the exact one. Hotspots are a staff output
		// since sign-in; dispatchers must not be able to locate a reporter either.
		JsonNode cells = JSON.readTree(this.http.get()
			.uri((builder) -> builder.path("/api/v1/hotspots")
				.queryParam("bbox", PublicOutputPrivacyTest.box(exact, 0.002))
				.queryParam("cellMetres", "25")
				.queryParam("from", java.time.OffsetDateTime.now().minusMinutes(30).toString())
				.queryParam("to", java.time.OffsetDateTime.now().plusMinutes(30).toString())
				.queryParam("matter", matter)
				.build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(countAt(cells, exact.publicLon(), exact.publicLat())).isGreaterThanOrEqualTo(REPORTS);
		assertThat(countAt(cells, exact.lon(), exact.lat())).isLessThan(REPORTS);

		// Bounded and documented: within half a cell on each axis.
		double dLon = Math.abs(exact.publicLon() - exact.lon());
		double dLat = Math.abs(exact.publicLat() - exact.lat());
		assertThat(dLon).isLessThanOrEqualTo(0.0005).isGreaterThan(0.0003);
		assertThat(dLat).isLessThanOrEqualTo(0.0005).isGreaterThan(0.0003);
		double metres = metres(exact.lon(), exact.lat(), exact.publicLon(), exact.publicLat());
		assertThat(metres).isLessThan(79);
		// Averaging many reports gives back the centre, not the exact point.
		double meanLon = sumLon / REPORTS;
		double meanLat = sumLat / REPORTS;
		assertThat(meanLon).isCloseTo(exact.publicLon(), within(1e-7));
		assertThat(meanLat).isCloseTo(exact.publicLat(), within(1e-7));
		assertThat(metres(exact.lon(), exact.lat(), meanLon, meanLat)).isGreaterThan(40);
	}

	@Test
	void theSnappingFunctionIsDeterministic() {
		String definition = this.db.sql("""
				SELECT provolatile::text || ' ' || prosrc FROM pg_proc WHERE proname = 'gridmap_public_point'""")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(definition).startsWith("i ").doesNotContainIgnoringCase("random");
		// Every writer of incidents stores its point through it.
		for (String writer : List.of("/org/gridmap/incident/insert.sql", "/org/gridmap/incident/import-load.sql")) {
			assertThat(resource(writer)).contains("gridmap_public_point(");
		}
	}

	private static String resource(String name) {
		try (java.io.InputStream in = PublicPointSnappingTest.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * The count of the hotspot cell (a hexagon) that holds a point (0 when none does).
	 */
	private static long countAt(JsonNode cells, double lon, double lat) {
		org.locationtech.jts.geom.GeometryFactory factory = new org.locationtech.jts.geom.GeometryFactory();
		for (JsonNode cell : cells.get("features")) {
			JsonNode ring = cell.get("geometry").get("coordinates").get(0);
			org.locationtech.jts.geom.Coordinate[] points = new org.locationtech.jts.geom.Coordinate[ring.size()];
			for (int i = 0; i < ring.size(); i++) {
				points[i] = new org.locationtech.jts.geom.Coordinate(ring.get(i).get(0).asDouble(),
						ring.get(i).get(1).asDouble());
			}
			if (factory.createPolygon(points)
				.contains(factory.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat)))) {
				return cell.get("properties").get("count").asLong();
			}
		}
		return 0;
	}

	private static double[] ogc(WebTestClient http, long id) {
		JsonNode item = JSON.readTree(http.get()
			.uri("/ogc/collections/incidents/items/" + id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		JsonNode c = item.get("geometry").get("coordinates");
		return new double[] { c.get(0).asDouble(), c.get(1).asDouble() };
	}

	private static double[] open311Json(WebTestClient http, long id) {
		JsonNode requests = JSON.readTree(http.get()
			.uri("/open311/v2/requests/" + id + ".json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		JsonNode request = requests.get(0);
		return new double[] { request.get("long").asDouble(), request.get("lat").asDouble() };
	}

	private static double[] open311Xml(WebTestClient http, long id) {
		String xml = new String(http.get()
			.uri("/open311/v2/requests/" + id + ".xml")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		return new double[] { number(xml, "long"), number(xml, "lat") };
	}

	private static double number(String xml, String element) {
		Matcher matcher = Pattern.compile("<" + element + ">([-0-9.Ee]+)</" + element + ">").matcher(xml);
		assertThat(matcher.find()).as(element + " in " + xml).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	/** Haversine on a 6,371 km sphere: plenty for tens of metres. */
	private static double metres(double lon1, double lat1, double lon2, double lat2) {
		double p1 = Math.toRadians(lat1);
		double p2 = Math.toRadians(lat2);
		double dp = p2 - p1;
		double dl = Math.toRadians(lon2 - lon1);
		double a = Math.sin(dp / 2) * Math.sin(dp / 2)
				+ Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
		return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
	}

}
