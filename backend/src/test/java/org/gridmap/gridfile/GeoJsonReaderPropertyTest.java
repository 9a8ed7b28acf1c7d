package org.gridmap.gridfile;

import java.io.ByteArrayInputStream;
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
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming reader of GeoJSON grid files under any text and under valid files with
 * one edit: it returns features whose geometries are non-empty polygons of closed rings
 * and finite coordinates, or throws a {@link GridfileProblem} with a 4xx status (400
 * malformed, 413 over a limit), never another exception. Valid polygons read back
 * exactly.
 */
class GeoJsonReaderPropertyTest {

	private static final GridfileLimits LIMITS = new GridfileLimits(64L * 1024 * 1024, 50, 20_000, 2_000);

	@Property(tries = 1500)
	void anyFileIsReadIntoClosedPolygonsOrRefusedWithA4xxProblem(@ForAll("files") String text) {
		try {
			RawFile file = new GeoJsonReader(new Budget(LIMITS))
				.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
			assertThat(file.features()).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.maxFeatures());
			for (RawFeature feature : file.features()) {
				Geometry geometry = feature.geometry();
				assertThat(geometry.getGeometryType()).isIn("Polygon", "MultiPolygon");
				assertThat(geometry.isEmpty()).isFalse();
				for (Coordinate c : geometry.getCoordinates()) {
					assertThat(Double.isFinite(c.x) && Double.isFinite(c.y)).isTrue();
				}
			}
		}
		catch (GridfileProblem problem) {
			assertThat(problem.getStatusCode().is4xxClientError()).as(problem.getMessage()).isTrue();
		}
	}

	@Property(tries = 200)
	void validPolygonsReadBackExactly(@ForAll("rings") List<double[]> ring) {
		String file = MalformedGeoJson
			.featureCollection("{\"type\":\"Polygon\",\"coordinates\":" + HostileGeometry.coordinates(ring) + "}");
		RawFile read = new GeoJsonReader(new Budget(LIMITS))
			.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
		Polygon polygon = (Polygon) read.features().get(0).geometry();
		Coordinate[] shell = polygon.getExteriorRing().getCoordinates();
		assertThat(shell).hasSize(ring.size());
		for (int i = 0; i < shell.length; i++) {
			assertThat(shell[i].x).isEqualTo(ring.get(i)[0]);
			assertThat(shell[i].y).isEqualTo(ring.get(i)[1]);
		}
	}

	@Provide
	Arbitrary<String> files() {
		List<String> valid = new ArrayList<>();
		String square = String.format(MalformedGeoJson.SQUARE, "[130.82,45.341]");
		valid.add(MalformedGeoJson.featureCollection(MalformedGeoJson.polygon(square)));
		valid.add(MalformedGeoJson.featureCollection("{\"type\":\"MultiPolygon\",\"coordinates\":[" + square + ","
				+ square.replace("130.8", "130.9") + "]}"));
		valid.add("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4490\"}},"
				+ "\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"230304004001001\",\"households\":400},"
				+ "\"geometry\":" + MalformedGeoJson.polygon(square) + "}]}");
		MalformedGeoJson.POLYGON_RINGS.values()
			.forEach((rings) -> valid.add(MalformedGeoJson.featureCollection(MalformedGeoJson.polygon(rings))));
		return Arbitraries.oneOf(HostileText.any(), HostileText.mutated(valid), HostileText.mutated(valid),
				HostileText.mutated(valid), HostileText.mutated(valid),
				Arbitraries.of(MalformedGeoJson.nested(20), MalformedGeoJson.nested(5000)));
	}

	@Provide
	Arbitrary<List<double[]>> rings() {
		return HostileGeometry.convexRings();
	}

}
