package org.gridmap.privacy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.gridmap.tiles.MvtDecoder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No personal field in any public output. Canary reports are planted, one through the
 * public API and one among the demo data, with unique strings in every personal field
 * (reporter name, phone, email, a description holding another phone number, the address,
 * a workflow note and its actor, a rating comment) and exact points whose sixth decimal
 * no snapped point shares; then every public output is fetched, as an anonymous client,
 * in every format, and none may contain a canary or the exact coordinates. Vector tiles
 * are decoded: their points must be the snapped ones.
 *
 * <p>
 * To cover a new public output, add it to {@link #publicOutputs}.
 */
class PublicOutputPrivacyTest extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	/** A public output: a name for the failure message, and how to fetch it. */
	record PublicOutput(String name, String uri, String postJson) {

		static PublicOutput get(String uri) {
			return new PublicOutput("GET " + uri, uri, null);
		}

		static PublicOutput post(String uri, String json) {
			return new PublicOutput("POST " + uri + " " + json, uri, json);
		}

		boolean tile() {
			return this.uri.endsWith(".mvt");
		}

	}

	/** The planted reports: one through the API, one among the demo data. */
	record Planted(long id, String trackingCode, Canaries.Point point) {
	}

	/**
	 * Every public output, for the planted reports. Grouped as the README lists them: OGC
	 * API, Open311, tiles, lookup, notice boards, report tracking, stations, address
	 * search and the catalogue. Hotspots, the assessment and the grid API are staff
	 * outputs since sign-in (docs/security.md; AuthorisationMatrixTest sees anonymous
	 * callers refused).
	 */
	List<PublicOutput> publicOutputs(List<Planted> planted) {
		List<PublicOutput> out = new ArrayList<>();
		String to = LocalDate.now().plusDays(2).toString();
		String wideFrom = LocalDate.now().minusYears(2).toString();
		String ids = String.join(",", planted.stream().map((p) -> Long.toString(p.id())).toList());
		for (Planted p : planted) {
			Canaries.Point at = p.point();
			String bbox = box(at, 0.01);
			// OGC API – Features
			out.add(PublicOutput.get("/ogc/collections/incidents/items/" + p.id()));
			out.add(PublicOutput
				.get("/ogc/collections/incidents/items/" + p.id() + "?crs=http://www.opengis.net/def/crs/EPSG/0/4326"));
			out.add(PublicOutput.get("/ogc/collections/incidents/items?bbox=" + bbox + "&limit=10000"));
			out.add(PublicOutput.get("/ogc/collections/incidents/items?bbox=" + bbox
					+ "&limit=10000&crs=http://www.opengis.net/def/crs/EPSG/0/4490"));
			for (String collection : List.of("districts", "streets", "communities", "grids", "stations")) {
				out.add(PublicOutput.get("/ogc/collections/" + collection + "/items?bbox=" + bbox + "&limit=1000"));
			}
			// Open311
			for (String format : List.of("json", "xml")) {
				out.add(PublicOutput.get("/open311/v2/requests/" + p.id() + "." + format));
				out.add(PublicOutput.get("/open311/v2/requests." + format + "?service_request_id=" + ids));
				out.add(PublicOutput.get("/open311/v2/requests." + format));
				out.add(PublicOutput.get("/open311/v2/requests." + format + "?start_date=" + wideFrom
						+ "T00:00:00Z&end_date=" + to + "T00:00:00Z"));
			}
			// Vector tiles of every layer, from the district down to the street
			for (int z = 8; z <= 16; z += 2) {
				String tile = z + "/" + tileX(at.lon(), z) + "/" + tileY(at.lat(), z) + ".mvt";
				out.add(PublicOutput.get("/tiles/incidents/" + tile));
				out.add(PublicOutput.get("/tiles/grids/" + tile));
			}
			// Lookup: at the report's cell centre (a resident's own point is theirs to
			// see)
			String lookupAt = "lon=" + at.publicLon() + "&lat=" + at.publicLat();
			out.add(PublicOutput.get("/api/v1/lookup?" + lookupAt));
			out.add(PublicOutput.get("/api/v1/lookup?" + lookupAt + "&asOf=" + LocalDate.now()));
			out.add(PublicOutput.post("/api/v1/lookup",
					"{\"points\":[{\"id\":\"a\",\"lon\":" + at.publicLon() + ",\"lat\":" + at.publicLat() + "}]}"));
			// Notice boards
			out.add(PublicOutput.get("/api/v1/boards/" + at.grid()));
			out.add(PublicOutput.get("/api/v1/boards?community=" + at.community()));
			out.add(PublicOutput.get("/api/v1/boards?street=" + at.street()));
			out.add(PublicOutput.get("/board/" + at.grid()));
			out.add(PublicOutput.get("/board/" + at.grid() + "?lang=en"));
			out.add(PublicOutput.get("/board/" + at.grid() + "/qr.svg"));
			out.add(PublicOutput.get("/board/" + at.grid() + "/qr.png"));
			// Report tracking
			out.add(PublicOutput.get("/api/v1/incidents/track/" + p.trackingCode()));
		}
		// Stations, address search, the catalogue
		out.add(PublicOutput.get("/api/v1/stations"));
		out.add(PublicOutput.get("/api/v1/addresses?q=幸福小区3号楼&limit=50"));
		out.add(PublicOutput.get("/api/v1/matters"));
		out.add(PublicOutput.get("/api/v1/departments"));
		out.add(PublicOutput.get("/open311/v2/services.json"));
		out.add(PublicOutput.get("/open311/v2/services.xml"));
		out.add(PublicOutput.get("/open311/v2/discovery.json"));
		out.add(PublicOutput.get("/ogc/collections"));
		out.add(PublicOutput.get("/ogc/collections/incidents"));
		return out;
	}

	@Test
	void noPersonalFieldOrExactPointAppearsInAnyPublicOutput() {
		Canaries canaries = new Canaries();
		List<Planted> planted = List.of(plantThroughTheApi(canaries), plantAmongTheDemoData(canaries));
		List<String> forbidden = new ArrayList<>(canaries.secrets());
		for (Planted p : planted) {
			forbidden.add(p.point().lonText());
			forbidden.add(p.point().latText());
		}
		// The canaries are really stored (else the sweep proves nothing).
		for (Planted p : planted) {
			assertThat(this.db.sql("SELECT reporter_phone, description, ST_X(geom) AS x FROM incident WHERE id = :id")
				.bind("id", p.id())
				.map((row, meta) -> row.get("reporter_phone", String.class) + " " + row.get("description", String.class)
						+ " " + row.get("x", Double.class))
				.one()
				.block()).containsAnyOf(canaries.phone, canaries.demoPhone).contains(p.point().lonText());
		}

		// The sweep can see a leak: the staff view of the report does hold the canaries.
		String staffView = new String(
				fetch(this.http, PublicOutput.get("/api/v1/incidents/" + planted.get(0).id())).getResponseBody(),
				StandardCharsets.UTF_8);
		assertThat(staffView).contains(canaries.phone).contains(canaries.description);

		WebTestClient http = anonymous();
		List<String> leaks = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		int checked = 0;
		int tileFeatures = 0;
		for (PublicOutput output : publicOutputs(planted)) {
			EntityExchangeResult<byte[]> result = fetch(http, output);
			if (!result.getStatus().is2xxSuccessful()) {
				failed.add(output.name() + " answered " + result.getStatus());
			}
			byte[] body = (result.getResponseBody() != null) ? result.getResponseBody() : new byte[0];
			String text = new String(body, StandardCharsets.UTF_8);
			for (String secret : forbidden) {
				if (text.contains(secret)) {
					leaks.add(output.name() + " shows " + secret);
				}
			}
			if (output.tile() && output.uri().startsWith("/tiles/incidents/")) {
				tileFeatures += checkTilePoints(output.uri(), body, planted, leaks);
			}
			checked++;
		}
		assertThat(failed).as("public outputs that did not answer").isEmpty();
		assertThat(leaks).as("personal data in public outputs").isEmpty();
		assertThat(checked).isGreaterThan(80);
		assertThat(tileFeatures).as("the planted reports are in the incident tiles").isGreaterThan(0);
		// And the outputs do carry the planted reports, in public form.
		String item = new String(
				fetch(http, PublicOutput.get("/ogc/collections/incidents/items/" + planted.get(0).id()))
					.getResponseBody(),
				StandardCharsets.UTF_8);
		assertThat(item).contains("\"status\"");
	}

	/**
	 * The incident points of a tile: none may sit at a planted report's exact point (the
	 * tile's resolution at z16 is about 0.15 m, the exact and public points are tens of
	 * metres apart), and the planted ones must sit at their cell centre.
	 */
	private static int checkTilePoints(String uri, byte[] tile, List<Planted> planted, List<String> leaks) {
		String[] parts = uri.substring("/tiles/incidents/".length()).replace(".mvt", "").split("/");
		int z = Integer.parseInt(parts[0]);
		int x = Integer.parseInt(parts[1]);
		int y = Integer.parseInt(parts[2]);
		int found = 0;
		for (MvtDecoder.Layer layer : MvtDecoder.decode(tile)) {
			for (MvtDecoder.Feature feature : layer.features()) {
				for (String key : feature.properties().keySet()) {
					if (!List.of("id", "matter", "status", "reportedAt", "closedAt").contains(key)) {
						leaks.add(uri + " has a property " + key);
					}
				}
				int[] p = feature.rings().get(0).get(0);
				double lon = (x + p[0] / (double) layer.extent()) / (1 << z) * 360 - 180;
				double lat = Math.toDegrees(
						Math.atan(Math.sinh(Math.PI * (1 - 2 * (y + p[1] / (double) layer.extent()) / (1 << z)))));
				double tolerance = 720.0 / (1 << z) / layer.extent();
				for (Planted planted1 : planted) {
					Canaries.Point at = planted1.point();
					if (Math.abs(lon - at.lon()) < tolerance && Math.abs(lat - at.lat()) < tolerance && z >= 14) {
						leaks.add(uri + " has a point at the exact location of incident " + planted1.id());
					}
					Object id = feature.properties().get("id");
					if (id != null && ((Number) id).longValue() == planted1.id()) {
						found++;
						if (Math.abs(lon - at.publicLon()) > tolerance || Math.abs(lat - at.publicLat()) > tolerance) {
							leaks.add(uri + " shows incident " + planted1.id() + " off its public point");
						}
					}
				}
			}
		}
		return found;
	}

	private Planted plantThroughTheApi(Canaries canaries) {
		Canaries.Point point = Canaries.exactPoint(this.db, 17, 0.00023412345, 0.00034412345);
		JsonNode receipt = canaries.report(anonymous(), point, matter());
		long id = receipt.get("id").asLong();
		// A workflow step whose note and actor are staff-internal.
		this.http.post()
			.uri("/api/v1/incidents/" + id + "/actions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "register", "actor", canaries.actor, "role", "dispatcher", "note",
					canaries.note + " reporter " + canaries.phone))
			.exchange()
			.expectStatus()
			.isOk();
		return new Planted(id, receipt.get("trackingCode").asString(), point);
	}

	/**
	 * A demo incident (closed, rated, with its generated timeline) given canary contact
	 * data, description, rating comment and an exact point, as imported history holds
	 * them.
	 */
	private Planted plantAmongTheDemoData(Canaries canaries) {
		Canaries.Point point = Canaries.exactPoint(this.db, 42, 0.00071234123, 0.00062134123);
		Map<String, Object> row = this.db.sql("""
				UPDATE incident SET reporter_name = :name, reporter_phone = :phone, reporter_email = :email,
				       description = :description, address = :address, satisfaction_note = :rating,
				       grid_code = :grid, geom = ST_SetSRID(ST_MakePoint(:lon, :lat), 4326),
				       public_geom = gridmap_public_point(ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))
				WHERE id = (SELECT id FROM incident WHERE status = 'closed' AND reported_at > now() - interval '80 days'
				            ORDER BY id LIMIT 1)
				RETURNING id, tracking_code""")
			.bind("name", canaries.demoName)
			.bind("phone", canaries.demoPhone)
			.bind("email", canaries.email)
			.bind("description", canaries.description)
			.bind("address", canaries.address)
			.bind("rating", canaries.demoSatisfaction)
			.bind("grid", point.grid())
			.bind("lon", point.lon())
			.bind("lat", point.lat())
			.fetch()
			.one()
			.block();
		long id = ((Number) row.get("id")).longValue();
		this.db.sql("""
				INSERT INTO incident_event (incident_id, action, from_status, to_status, actor, actor_role, note)
				VALUES (:id, 'note', 'closed', 'closed', :actor, 'dispatcher', :note)""")
			.bind("id", id)
			.bind("actor", canaries.actor)
			.bind("note", canaries.note + " " + canaries.demoPhone)
			.then()
			.block();
		return new Planted(id, (String) row.get("tracking_code"), point);
	}

	private String matter() {
		return this.db.sql("SELECT code FROM matter ORDER BY code LIMIT 1")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
	}

	static EntityExchangeResult<byte[]> fetch(WebTestClient http, PublicOutput output) {
		if (output.postJson() != null) {
			return http.post()
				.uri(output.uri())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(output.postJson())
				.exchange()
				.expectBody()
				.returnResult();
		}
		return http.get().uri(output.uri()).exchange().expectBody().returnResult();
	}

	static String box(Canaries.Point at, double half) {
		return (at.lon() - half) + "," + (at.lat() - half) + "," + (at.lon() + half) + "," + (at.lat() + half);
	}

	static int tileX(double lon, int z) {
		return (int) Math.floor((lon + 180) / 360 * (1 << z));
	}

	static int tileY(double lat, int z) {
		double r = Math.toRadians(lat);
		return (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
	}

}
