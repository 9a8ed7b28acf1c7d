package org.gridmap.gridindex;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridmap.Fixtures;
import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory index gives the same answer as SQL {@code gridmap_lookup()}, byte for
 * byte: on random points over the demo district, on every vertex of its grids, on the
 * midpoints of their edges and on points one ulp either side of those, and on the
 * hand-made edge grids of {@code fixtures/lookup-edge-grids.sql} (exact shared edges and
 * vertices, as of 2001).
 */
class GridIndexEquivalenceTest extends IntegrationTest {

	/**
	 * The distance is the one value computed apart (GeographicLib in Java, PROJ's copy of
	 * it in PostGIS): it may round the other way only when it is within a hair of .5.
	 */
	private static final Pattern DISTANCE = Pattern.compile("\"distanceMetres\" : (\\d+)");

	@Autowired
	DatabaseClient db;

	@Autowired
	GridIndexLoader loader;

	@BeforeEach
	void edgeGrids() {
		Fixtures.load(this.db, "lookup-edge-grids.sql");
	}

	@Test
	void randomPointsOverTheDemoDistrictGetTheSameAnswerAsSql() {
		Instant now = Instant.now();
		GridIndex index = this.loader.load(now).block();
		assertThat(index.size()).isGreaterThan(100);
		double[] e = index.extent();
		Random random = new Random(20261123);
		List<double[]> points = new ArrayList<>();
		for (int i = 0; i < 4000; i++) {
			// A little beyond the extent too, where no grid is.
			double lon = e[0] - 0.01 + random.nextDouble() * (e[2] - e[0] + 0.02);
			double lat = e[1] - 0.01 + random.nextDouble() * (e[3] - e[1] + 0.02);
			points.add(new double[] { lon, lat });
		}
		int found = compare(index, points, now);
		assertThat(found).as("points that fell in a grid").isGreaterThan(1000);
	}

	@Test
	void verticesEdgeMidpointsAndPointsAnUlpAwayGetTheSameGridAsSql() {
		Instant now = Instant.now();
		GridIndex index = this.loader.load(now).block();
		List<Map<String, Object>> rows = this.db.sql("""
				-- Every vertex of the live grids and the midpoint of every edge.
				SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
				  SELECT (ST_DumpPoints(geom)).geom AS p FROM grid WHERE valid_to = 'infinity'
				  UNION ALL
				  SELECT ST_LineInterpolatePoint(ST_MakeLine(ST_PointN(r, i), ST_PointN(r, i + 1)), 0.5)
				  FROM (SELECT ST_ExteriorRing((ST_Dump(geom)).geom) AS r FROM grid WHERE valid_to = 'infinity') rings,
				       generate_series(1, ST_NPoints(r) - 1) AS i) q""").fetch().all().collectList().block();
		List<double[]> points = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			double lon = ((Number) row.get("lon")).doubleValue();
			double lat = ((Number) row.get("lat")).doubleValue();
			points.add(new double[] { lon, lat });
			points.add(new double[] { Math.nextUp(lon), lat });
			points.add(new double[] { lon, Math.nextDown(lat) });
		}
		assertThat(points).hasSizeGreaterThan(3000);
		int found = compare(index, points, now);
		assertThat(found).isGreaterThan(points.size() * 9 / 10);
	}

	@Test
	void handMadeSharedEdgesAndVerticesGetTheSameGridAsSql() {
		Instant june2001 = OffsetDateTime.of(2001, 6, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
		GridIndex index = this.loader.load(june2001).block();
		assertThat(index.covers(june2001)).isTrue();
		assertThat(index.validUntil()).isEqualTo(OffsetDateTime.parse("2001-07-01T00:00+08:00").toInstant());
		List<double[]> points = new ArrayList<>();
		// A lattice of eighth degrees: every shared edge, vertex and outer corner.
		for (int i = 0; i <= 24; i++) {
			for (int j = 0; j <= 40; j++) {
				points.add(new double[] { 99.5 + i * 0.125, 29.5 + j * 0.125 });
			}
		}
		int found = compare(index, points, june2001);
		assertThat(found).isGreaterThan(300);
		assertThat(index.code(index.locate(101, 31))).isEqualTo("999999001001001");
		assertThat(index.code(index.locate(101.5, 31))).isEqualTo("999999001001002");
	}

	/** Compares every point's answer with SQL's; returns how many were in a grid. */
	private int compare(GridIndex index, List<double[]> points, Instant at) {
		List<String> expected = sql(points, at);
		int found = 0;
		for (int i = 0; i < points.size(); i++) {
			double[] p = points.get(i);
			int slot = index.locate(p[0], p[1]);
			String actual = (slot < 0) ? null : index.appendDocument(new StringBuilder(), slot, p[0], p[1]).toString();
			String wanted = expected.get(i);
			String where = "point " + i + " (" + p[0] + ", " + p[1] + ")";
			if (wanted == null || actual == null) {
				assertThat(actual).as(where).isEqualTo(wanted);
				continue;
			}
			found++;
			if (!actual.equals(wanted)) {
				assertThat(withoutDistance(actual)).as(where).isEqualTo(withoutDistance(wanted));
				assertThat(Math.abs(distance(actual) - distance(wanted))).as(where + ": distance")
					.isLessThanOrEqualTo(1);
			}
		}
		return found;
	}

	private List<String> sql(List<double[]> points, Instant at) {
		Double[] lons = points.stream().map((p) -> p[0]).toArray(Double[]::new);
		Double[] lats = points.stream().map((p) -> p[1]).toArray(Double[]::new);
		List<String> out = new ArrayList<>();
		this.db.sql("""
				SELECT p.ord, gridmap_lookup(p.lon, p.lat, $3)::text AS doc
				FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lon, lat, ord) ORDER BY p.ord""")
			.bind(0, lons)
			.bind(1, lats)
			.bind(2, at.atOffset(ZoneOffset.UTC))
			.map((row, meta) -> java.util.Optional.ofNullable(row.get("doc", String.class)))
			.all()
			.doOnNext((doc) -> out.add(doc.orElse(null)))
			.blockLast();
		return out;
	}

	private static String withoutDistance(String document) {
		return DISTANCE.matcher(document).replaceAll("\"distanceMetres\" : _");
	}

	private static long distance(String document) {
		Matcher m = DISTANCE.matcher(document);
		return m.find() ? Long.parseLong(m.group(1)) : -1;
	}

}
