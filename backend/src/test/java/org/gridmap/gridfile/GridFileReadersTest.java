package org.gridmap.gridfile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The readers on their own (no service, no database): the malformed-GeoJSON catalogue,
 * limits, coordinate systems, and GeoPackage and Shapefile files written by GDAL from
 * {@code fixtures/gridfile-squares.geojson}.
 */
class GridFileReadersTest {

	static final GridfileLimits LIMITS = new GridfileLimits(64L * 1024 * 1024, 5_000, 2_000_000, 20_000);

	static final GridFiles FILES = new GridFiles(LIMITS);

	static final String SQUARE = "[[[130.80,45.35],[130.81,45.35],[130.81,45.36],[130.80,45.36],[130.80,45.35]]]";

	static final String PROPS = "{\"code\":\"230304001001901\",\"name\":\"一\"}";

	@TempDir
	static Path directory;

	static Path squares;

	@BeforeAll
	static void fixture() throws IOException {
		squares = directory.resolve("squares.geojson");
		try (InputStream in = GridFileReadersTest.class.getResourceAsStream("/fixtures/gridfile-squares.geojson")) {
			Files.write(squares, in.readAllBytes());
		}
	}

	static String collection(String geometry) {
		return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":" + PROPS
				+ ",\"geometry\":" + geometry + "}]}";
	}

	static ParsedFile read(String text, String crs) throws IOException {
		Path file = Files.createTempFile(directory, "in", ".geojson");
		Files.writeString(file, text);
		return FILES.read(file, "in.geojson", null, crs);
	}

	static GridfileProblem refused(String text) {
		return catchThrowableOfType(GridfileProblem.class, () -> read(text, null));
	}

	static List<Object[]> catalogue() {
		return List.of(new Object[] { "unclosed ring", collection(
				"{\"type\":\"Polygon\",\"coordinates\":[[[130.80,45.35],[130.81,45.35],[130.81,45.36],[130.80,45.36]]]}"),
				"is not closed" },
				new Object[] { "ring of three positions", collection(
						"{\"type\":\"Polygon\",\"coordinates\":[[[130.80,45.35],[130.81,45.35],[130.80,45.35]]]}"),
						"at least 4" },
				new Object[] { "NaN",
						collection("{\"type\":\"Polygon\",\"coordinates\":[[[NaN,45.35],[1,2],[3,4],[NaN,45.35]]]}"),
						"Not valid JSON" },
				new Object[] { "Infinity",
						collection("{\"type\":\"Polygon\",\"coordinates\":[[[Infinity,45.35],[1,2],[3,4],[1,2]]]}"),
						"Not valid JSON" },
				new Object[] { "1e400",
						collection(
								"{\"type\":\"Polygon\",\"coordinates\":[[[1e400,45.35],[1,2],[3,4],[1e400,45.35]]]}"),
						"not a finite double" },
				new Object[] { "longitude out of range", collection(
						"{\"type\":\"Polygon\",\"coordinates\":[[[190,45.35],[191,45.35],[191,45.36],[190,45.35]]]}"),
						"out of range" },
				new Object[] { "swapped axes", collection(
						"{\"type\":\"Polygon\",\"coordinates\":[[[45.35,130.80],[45.35,130.81],[45.36,130.81],[45.35,130.80]]]}"),
						"swapped" },
				new Object[] { "outside China", collection(
						"{\"type\":\"Polygon\",\"coordinates\":[[[2.35,48.85],[2.36,48.85],[2.36,48.86],[2.35,48.85]]]}"),
						"outside China" },
				new Object[] { "crs member on a geometry", collection(
						"{\"type\":\"Polygon\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4326\"}},\"coordinates\":"
								+ SQUARE + "}"),
						"'crs' member on a geometry" },
				new Object[] { "unknown crs member",
						"{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:999999\"}},\"features\":[]}",
						"crs" },
				new Object[] { "empty geometry", collection("{\"type\":\"Polygon\",\"coordinates\":[]}"), "empty" },
				new Object[] { "null geometry", collection("null"), "null" },
				new Object[] { "point", collection("{\"type\":\"Point\",\"coordinates\":[130.8,45.35]}"),
						"Polygon or MultiPolygon" },
				new Object[] { "deep nesting",
						collection("{\"type\":\"Polygon\",\"coordinates\":" + "[".repeat(40) + "]".repeat(40) + "}"),
						"nest" },
				new Object[] { "five numbers in a position", collection(
						"{\"type\":\"Polygon\",\"coordinates\":[[[130.80,45.35,1,2,3],[130.81,45.35],[130.81,45.36],[130.80,45.35]]]}"),
						"at most 4" },
				new Object[] { "duplicate member", "{\"type\":\"FeatureCollection\",\"type\":\"x\",\"features\":[]}",
						"Duplicate" },
				new Object[] { "trailing garbage",
						collection("{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}") + "]", "" },
				new Object[] { "not a FeatureCollection", "{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}",
						"FeatureCollection" },
				new Object[] { "no code",
						"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
								+ SQUARE + "}}]}",
						"no 'code'" });
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("catalogue")
	void malformedGeoJsonIsRefusedWithWhatAndWhere(String name, String text, String detail) {
		GridfileProblem problem = refused(text);
		assertThat(problem).as(name).isNotNull();
		assertThat(problem.getStatusCode().value()).isEqualTo(400);
		assertThat(problem.getBody().getDetail()).contains(detail).contains("Nothing was written");
		assertThat(problem.getBody().getProperties()).containsEntry("parameter", "file");
		assertThat(problem.getBody().getProperties()).containsKey("line");
	}

	@Test
	void featureProblemsNameTheFeatureAndItsLine() {
		String text = "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":" + PROPS
				+ ",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}},\n"
				+ "{\"type\":\"Feature\",\"properties\":{\"code\":\"230304001001902\"},"
				+ "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[130.80,45.35],[130.81,45.35],[130.81,45.36],[130.80,45.36]]]}}]}";
		GridfileProblem problem = refused(text);
		assertThat(problem.getBody().getProperties()).containsEntry("feature", 2).containsEntry("line", 3L);
		assertThat(problem.getBody().getDetail()).startsWith("Feature 2: exterior ring is not closed");
	}

	@Test
	void bowTieIsReadAndReportedInvalidWithReasonAndLocation() throws IOException {
		ParsedFile parsed = read(collection(
				"{\"type\":\"Polygon\",\"coordinates\":[[[130.80,45.35],[130.81,45.36],[130.81,45.35],[130.80,45.36],[130.80,45.35]]]}"),
				null);
		assertThat(parsed.grids()).hasSize(1);
		assertThat(parsed.invalid()).singleElement().satisfies((invalid) -> {
			assertThat(invalid.reason()).isEqualTo("Self-intersection");
			assertThat(invalid.location()[0]).isCloseTo(130.805, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(invalid.code()).isEqualTo("230304001001901");
		});
	}

	@Test
	void zAndMAreDroppedWithANote() throws IOException {
		ParsedFile parsed = read(collection(
				"{\"type\":\"Polygon\",\"coordinates\":[[[130.80,45.35,10],[130.81,45.35,11,1],[130.81,45.36,12],[130.80,45.35,10]]]}"),
				null);
		assertThat(parsed.grids().get(0).geometry().getCoordinate().getZ()).isNaN();
		assertThat(parsed.notes()).anyMatch((note) -> note.contains("4 position(s)"));
	}

	@Test
	void aMillionVerticesStopAtTheLimitWithout() throws IOException {
		Path file = directory.resolve("million.geojson");
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			out.write("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":" + PROPS
					+ ",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
			for (int i = 0; i < 1_000_000; i++) {
				out.write("[130.8" + (i % 1000) + ",45.35],");
			}
			out.write("[130.80,45.35]]]}}]}");
		}
		GridfileProblem problem = catchThrowableOfType(GridfileProblem.class,
				() -> FILES.read(file, "million.geojson", null, null));
		assertThat(problem.getStatusCode().value()).isEqualTo(413);
		assertThat(problem.getBody().getProperties()).containsEntry("limit", "featureVertices")
			.containsEntry("feature", 1);
	}

	@Test
	void tooManyFeaturesIsA413() throws IOException {
		GridFiles small = new GridFiles(new GridfileLimits(1 << 20, 1, 1000, 100));
		Path file = directory.resolve("two.geojson");
		Files.copy(squares, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		assertThatThrownBy(() -> small.read(file, null, null, null)).isInstanceOfSatisfying(GridfileProblem.class,
				(p) -> assertThat(p.getBody().getProperties()).containsEntry("limit", "features"));
	}

	@Test
	void theCrsMemberIsHonouredAndTheParameterWins() throws IOException {
		String mercator = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
				+ "\"urn:ogc:def:crs:EPSG::3857\"}},\"features\":[{\"type\":\"Feature\",\"properties\":" + PROPS
				+ ",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[14560000,5680000],[14561000,5680000],"
				+ "[14561000,5681000],[14560000,5680000]]]}}]}";
		ParsedFile parsed = read(mercator, null);
		assertThat(parsed.crs()).isEqualTo("EPSG:3857");
		assertThat(parsed.grids().get(0).geometry().getCoordinate().x).isCloseTo(130.7945,
				org.assertj.core.data.Offset.offset(1e-3));
		GridfileProblem problem = catchThrowableOfType(GridfileProblem.class, () -> read(mercator, "EPSG:4326"));
		assertThat(problem.getBody().getDetail()).contains("out of range").contains("projected");
	}

	@Test
	void unknownCrsParameterNamesTheParameter() {
		assertThatThrownBy(() -> read(collection("{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}"), "EPSG:1"))
			.isInstanceOfSatisfying(GridfileProblem.class,
					(p) -> assertThat(p.getBody().getProperties()).containsEntry("parameter", "crs"));
	}

	@Test
	void geoPackageFromGdalReadsLikeTheGeoJson() throws Exception {
		Gdal.assumePresent();
		Path gpkg = Gdal.convert(squares, directory.resolve("squares.gpkg"), "-f", "GPKG", "-nln", "grids");
		ParsedFile parsed = FILES.read(gpkg, "squares.gpkg", null, null);
		assertThat(parsed.format()).isEqualTo("gpkg");
		assertThat(parsed.crs()).isEqualTo("EPSG:4326");
		assertSameGrids(parsed, FILES.read(squares, null, null, null), 1e-12);
	}

	@Test
	void shapefileFromGdalReadsLikeTheGeoJsonWithChineseNames() throws Exception {
		Gdal.assumePresent();
		Path zip = Gdal.shapefileZip(squares, directory, "utf8", "-lco", "ENCODING=UTF-8");
		ParsedFile parsed = FILES.read(zip, "utf8.zip", null, null);
		assertThat(parsed.format()).isEqualTo("shapefile");
		assertThat(parsed.crs()).isEqualTo("EPSG:4326");
		assertSameGrids(parsed, FILES.read(squares, null, null, null), 1e-12);
		assertThat(parsed.grids().get(0).name()).isEqualTo("测试网格一");
		assertThat(parsed.grids().get(1).households()).isEqualTo(310);
		assertThat(parsed.grids().get(1).geometry().getNumGeometries()).isEqualTo(1);
		assertThat(((org.locationtech.jts.geom.Polygon) parsed.grids().get(1).geometry().getGeometryN(0))
			.getNumInteriorRing()).isEqualTo(1);
	}

	@Test
	void gbkShapefileIsDecodedFromItsCpgAndWithoutOne() throws Exception {
		Gdal.assumePresent();
		Path zip = Gdal.shapefileZip(squares, directory, "gbk", "-lco", "ENCODING=GBK");
		assertThat(FILES.read(zip, null, null, null).grids().get(1).name()).isEqualTo("测试网格二");
		Path withoutCpg = directory.resolve("gbk-no-cpg.zip");
		rezip(zip, withoutCpg, (name) -> !name.endsWith(".cpg"), Map.of());
		ParsedFile parsed = FILES.read(withoutCpg, null, null, null);
		assertThat(parsed.grids().get(1).name()).isEqualTo("测试网格二");
	}

	@Test
	void projectedFilesAreConvertedFromTheirPrjAndGeoPackageSrs() throws Exception {
		Gdal.assumePresent();
		ParsedFile truth = FILES.read(squares, null, null, null);
		// CGCS2000 3-degree Gauss-Kruger zone CM 132E (EPSG:4553) covers Didao.
		Path gk = Gdal.shapefileZip(squares, directory, "gk4553", "-t_srs", "EPSG:4553");
		ParsedFile fromPrj = FILES.read(gk, null, null, null);
		assertThat(fromPrj.declared()).startsWith("WKT:");
		assertSameGrids(fromPrj, truth, 1e-8);
		assertSameGrids(FILES.read(gk, null, null, "EPSG:4553"), truth, 1e-8);
		Path mercator = Gdal.shapefileZip(squares, directory, "merc", "-t_srs", "EPSG:3857");
		ParsedFile fromMercator = FILES.read(mercator, null, null, null);
		assertThat(fromMercator.crs()).isEqualTo("EPSG:3857");
		assertSameGrids(fromMercator, truth, 1e-8);
		Path gpkg = Gdal.convert(squares, directory.resolve("gk.gpkg"), "-f", "GPKG", "-t_srs", "EPSG:4553");
		ParsedFile fromSrs = FILES.read(gpkg, null, null, null);
		assertThat(fromSrs.crs()).isEqualTo("EPSG:4553");
		assertSameGrids(fromSrs, truth, 1e-8);
	}

	@Test
	void gaussKrugerZone114IsConvertedNearItsMeridian() throws Exception {
		Gdal.assumePresent();
		// The squares moved to Wuhan (114.3E 30.6N), inside EPSG:4547's zone.
		ParsedFile didao = FILES.read(squares, null, null, null);
		String moved = Files.readString(squares).replace("130.8", "114.3").replace("45.3", "30.6");
		Path wuhan = directory.resolve("wuhan.geojson");
		Files.writeString(wuhan, moved);
		ParsedFile truth = FILES.read(wuhan, null, null, null);
		assertThat(truth.grids().get(0).geometry().getCoordinate().x).isCloseTo(114.30,
				org.assertj.core.data.Offset.offset(1e-9));
		Path zip = Gdal.shapefileZip(wuhan, directory, "gk4547", "-t_srs", "EPSG:4547");
		assertSameGrids(FILES.read(zip, null, null, "EPSG:4547"), truth, 1e-8);
		assertSameGrids(FILES.read(zip, null, null, null), truth, 1e-8);
		assertThat(didao.grids()).hasSize(2);
	}

	@Test
	void zipSlipEntriesAreRefused() throws Exception {
		for (String evil : List.of("../grids.shp", "a/../../grids.dbf", "/etc/grids.shp", "C:\\grids.shp",
				"..\\..\\grids.shp")) {
			Path zip = directory.resolve("slip.zip");
			try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
				out.putNextEntry(new ZipEntry(evil));
				out.write(new byte[] { 1, 2, 3 });
				out.closeEntry();
			}
			assertThatThrownBy(() -> FILES.read(zip, "slip.zip", null, "EPSG:4326")).as(evil)
				.isInstanceOfSatisfying(GridfileProblem.class, (p) -> {
					assertThat(p.getStatusCode().value()).isEqualTo(400);
					assertThat(p.getBody().getDetail()).contains("zip-slip");
				});
		}
	}

	@Test
	void aZipBombStopsAtTheByteLimit() throws Exception {
		Path zip = directory.resolve("bomb.zip");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
			out.putNextEntry(new ZipEntry("g.shp"));
			byte[] header = new byte[100];
			java.nio.ByteBuffer.wrap(header).putInt(0, 9994).putInt(24, Integer.MAX_VALUE);
			java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(32, 5);
			out.write(header);
			out.write(new byte[8 * 1024 * 1024]);
			out.closeEntry();
			out.putNextEntry(new ZipEntry("g.dbf"));
			out.write(new byte[32]);
			out.closeEntry();
		}
		GridFiles small = new GridFiles(new GridfileLimits(1 << 20, 100, 1000, 100));
		assertThatThrownBy(() -> small.read(zip, null, null, "EPSG:4326")).isInstanceOfSatisfying(GridfileProblem.class,
				(p) -> assertThat(p.getStatusCode().value()).isIn(400, 413));
	}

	@Test
	void twoShapefilesInOneZipAreRefused() throws Exception {
		Gdal.assumePresent();
		Path zip = Gdal.shapefileZip(squares, directory, "two");
		Path doubled = directory.resolve("doubled.zip");
		rezip(zip, doubled, (name) -> true, Map.of("two/two.shp", "two/other.shp", "two/two.dbf", "two/other.dbf"));
		assertThatThrownBy(() -> FILES.read(doubled, null, null, null)).isInstanceOfSatisfying(GridfileProblem.class,
				(p) -> assertThat(p.getBody().getDetail()).contains("2 shapefiles"));
	}

	static void assertSameGrids(ParsedFile actual, ParsedFile expected, double tolerance) {
		assertThat(actual.grids()).hasSameSizeAs(expected.grids());
		for (int i = 0; i < expected.grids().size(); i++) {
			GridRecord a = actual.grids().get(i);
			GridRecord e = expected.grids().get(i);
			assertThat(a.code()).isEqualTo(e.code());
			Geometry ag = polygonal(a.geometry()).norm();
			Geometry eg = polygonal(e.geometry()).norm();
			assertThat(ag.equalsExact(eg, tolerance)).as(a.code() + "\n" + ag + "\n" + eg).isTrue();
		}
	}

	/** A one-part MultiPolygon and its Polygon are the same grid. */
	static Geometry polygonal(Geometry geometry) {
		return (geometry.getNumGeometries() == 1) ? geometry.getGeometryN(0) : geometry;
	}

	/**
	 * Copies a zip, keeping the entries the filter passes, renaming some, adding copies.
	 */
	static void rezip(Path from, Path to, java.util.function.Predicate<String> keep, Map<String, String> copies)
			throws IOException {
		try (ZipFile in = new ZipFile(from.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
			for (ZipEntry entry : java.util.Collections.list(in.entries())) {
				if (!keep.test(entry.getName())) {
					continue;
				}
				byte[] data = in.getInputStream(entry).readAllBytes();
				out.putNextEntry(new ZipEntry(entry.getName()));
				out.write(data);
				out.closeEntry();
				if (copies.containsKey(entry.getName())) {
					out.putNextEntry(new ZipEntry(copies.get(entry.getName())));
					out.write(data);
					out.closeEntry();
				}
			}
		}
	}

}
