package org.gridmap.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.gridmap.HostileGeometry;
import org.gridmap.HostileText;
import org.gridmap.MalformedGeoJson;
import org.gridmap.geo.ChinaCoordinates;
import org.gridmap.geo.InputCrs;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planners' strict GeoJSON reader under any body and under valid geometries with one
 * edit: it returns a valid Polygon or MultiPolygon inside China, or throws a
 * {@link PlanProblem} with a 4xx status, never another exception. Valid polygons
 * round-trip exactly (WGS 84 in, WGS 84 stored).
 */
class GeoJsonInputPropertyTest {

	private static final GeoJsonInput INPUT = new GeoJsonInput(20, 20_000);

	@Property(tries = 2000)
	void anyBodyIsAValidBoundaryOrA4xxProblem(@ForAll("geometries") String text, @ForAll InputCrs crs) {
		try {
			JsonNode node = INPUT.parse(text.getBytes(StandardCharsets.UTF_8));
			Geometry geometry = INPUT.polygonal(node, "geometry", "", crs, false);
			assertThat(geometry.getGeometryType()).isIn("Polygon", "MultiPolygon");
			assertThat(geometry.isValid()).isTrue();
			for (Coordinate c : geometry.getCoordinates()) {
				assertThat(Double.isFinite(c.x) && Double.isFinite(c.y)).isTrue();
				assertThat(c.getZ()).isNaN();
			}
		}
		catch (PlanProblem problem) {
			assertThat(problem.getStatusCode().is4xxClientError()).as(problem.getMessage()).isTrue();
		}
	}

	@Property(tries = 1000)
	void anyCuttingLineIsALineOrA4xxProblem(@ForAll("lines") String text) {
		try {
			JsonNode node = INPUT.parse(text.getBytes(StandardCharsets.UTF_8));
			assertThat(INPUT.line(node, "line", "", InputCrs.WGS84).getLength()).isPositive();
		}
		catch (PlanProblem problem) {
			assertThat(problem.getStatusCode().is4xxClientError()).as(problem.getMessage()).isTrue();
		}
	}

	@Property(tries = 200)
	void validPolygonsRoundTripExactly(@ForAll("rings") List<double[]> ring) {
		String text = "{\"type\":\"Polygon\",\"coordinates\":" + HostileGeometry.coordinates(ring) + "}";
		Geometry read = INPUT.polygonal(INPUT.parse(text.getBytes(StandardCharsets.UTF_8)), "geometry", "",
				InputCrs.WGS84, false);
		Coordinate[] shell = read.getCoordinates();
		assertThat(shell).hasSize(ring.size());
		for (int i = 0; i < shell.length; i++) {
			assertThat(shell[i].x).isEqualTo(ring.get(i)[0]);
			assertThat(shell[i].y).isEqualTo(ring.get(i)[1]);
			assertThat(ChinaCoordinates.isInsideChinaBox(shell[i].x, shell[i].y)).isTrue();
		}
	}

	@Provide
	Arbitrary<String> geometries() {
		List<String> valid = new ArrayList<>();
		String square = String.format(MalformedGeoJson.SQUARE, "[130.82,45.341]");
		valid.add(MalformedGeoJson.polygon(square));
		valid.add("{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + MalformedGeoJson.polygon(square) + "}");
		valid.add("{\"type\":\"MultiPolygon\",\"coordinates\":[" + square + "," + square.replace("130.8", "130.9")
				+ "]}");
		MalformedGeoJson.POLYGON_RINGS.values().forEach((rings) -> valid.add(MalformedGeoJson.polygon(rings)));
		return Arbitraries.oneOf(HostileText.any(), HostileText.mutated(valid), HostileText.mutated(valid),
				HostileText.mutated(valid), HostileText.mutated(valid),
				Arbitraries.of(MalformedGeoJson.polygon(MalformedGeoJson.nested(30)), MalformedGeoJson.nested(5000)));
	}

	@Provide
	Arbitrary<String> lines() {
		return Arbitraries.oneOf(HostileText.any(),
				HostileText.mutated(List.of(
						"{\"type\":\"LineString\",\"coordinates\":[[130.82,45.341],[130.83,45.35]]}",
						"{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[130.82,45.341],"
								+ "[130.83,45.35],[130.84,45.36]]}}")));
	}

	@Provide
	Arbitrary<List<double[]>> rings() {
		return HostileGeometry.convexRings();
	}

}
