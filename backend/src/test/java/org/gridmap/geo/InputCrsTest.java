package org.gridmap.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InputCrsTest {

	@ParameterizedTest
	@ValueSource(strings = { "EPSG:4326", "epsg:4326", "4326", "urn:ogc:def:crs:EPSG::4326",
			"URN:OGC:DEF:CRS:EPSG::4326", "http://www.opengis.net/def/crs/EPSG/0/4326",
			"http://www.opengis.net/def/crs/OGC/1.3/CRS84", "urn:ogc:def:crs:OGC:1.3:CRS84", "OGC:CRS84", "CRS84",
			"crs84", "WGS84", "wgs84", "WGS-84", " EPSG:4326 " })
	void wgs84AliasesParseToWgs84(String text) {
		assertThat(InputCrs.parse(text)).isEqualTo(InputCrs.WGS84);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " ", "\t" })
	void missingOrBlankMeansWgs84(String text) {
		assertThat(InputCrs.parse(text)).isEqualTo(InputCrs.WGS84);
	}

	@ParameterizedTest
	@ValueSource(strings = { "EPSG:4490", "epsg:4490", "4490", "urn:ogc:def:crs:EPSG::4490",
			"http://www.opengis.net/def/crs/EPSG/0/4490", "CGCS2000", "cgcs2000" })
	void cgcs2000AliasesParseToCgcs2000(String text) {
		assertThat(InputCrs.parse(text)).isEqualTo(InputCrs.CGCS2000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GCJ-02", "gcj-02", "GCJ02", "gcj02", "Gcj02" })
	void gcj02AliasesParseToGcj02(String text) {
		assertThat(InputCrs.parse(text)).isEqualTo(InputCrs.GCJ02);
	}

	@ParameterizedTest
	@ValueSource(strings = { "BD-09", "bd-09", "BD09", "bd09", "bd09ll", "BD09LL" })
	void bd09AliasesParseToBd09(String text) {
		assertThat(InputCrs.parse(text)).isEqualTo(InputCrs.BD09);
	}

	@ParameterizedTest
	@ValueSource(strings = { "EPSG:3857", "3857", "gcj-03", "bd-10", "EPSG:43260", "EPSG::4326", "wgs", "GCJ 02",
			"mercator" })
	void unknownIdentifiersAreRejectedWithTheAcceptedValues(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> InputCrs.parse(text))
			.withMessageContaining(text)
			.withMessageContaining("EPSG:4326")
			.withMessageContaining("EPSG:4490")
			.withMessageContaining("GCJ-02")
			.withMessageContaining("BD-09");
	}

	@Test
	void veryLongUnknownIdentifierIsAbbreviatedInMessage() {
		String text = "x".repeat(500);
		assertThatIllegalArgumentException().isThrownBy(() -> InputCrs.parse(text))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400));
	}

	@Test
	void idsAreTheCanonicalIdentifiersAndParseBack() {
		assertThat(InputCrs.WGS84.id()).isEqualTo("EPSG:4326");
		assertThat(InputCrs.CGCS2000.id()).isEqualTo("EPSG:4490");
		assertThat(InputCrs.GCJ02.id()).isEqualTo("GCJ-02");
		assertThat(InputCrs.BD09.id()).isEqualTo("BD-09");
		for (InputCrs crs : InputCrs.values()) {
			assertThat(InputCrs.parse(crs.id())).isEqualTo(crs);
			assertThat(InputCrs.parse(crs.name())).isEqualTo(crs);
		}
	}

	@Test
	void wgs84AndCgcs2000AreNotConverted() {
		assertThat(InputCrs.WGS84.toWgs84(116.404, 39.915)).containsExactly(116.404, 39.915);
		assertThat(InputCrs.CGCS2000.toWgs84(116.404, 39.915)).containsExactly(116.404, 39.915);
		assertThat(InputCrs.WGS84.fromWgs84(116.404, 39.915)).containsExactly(116.404, 39.915);
		assertThat(InputCrs.CGCS2000.fromWgs84(116.404, 39.915)).containsExactly(116.404, 39.915);
	}

	@Test
	void gcj02AndBd09ConvertThroughChinaCoordinates() {
		// googollee/eviltransform go/transform_test.go, Shanghai
		double[] wgs = InputCrs.GCJ02.toWgs84(121.531541859215, 31.17530398364597);
		assertThat(ChinaCoordinatesTest.metres(wgs, 121.5272106, 31.1774276)).isLessThan(0.5);
		assertThat(InputCrs.GCJ02.fromWgs84(121.5272106, 31.1774276))
			.containsExactly(ChinaCoordinates.wgs84ToGcj02(121.5272106, 31.1774276));
		double[] bd = InputCrs.BD09.fromWgs84(121.5272106, 31.1774276);
		assertThat(bd).containsExactly(ChinaCoordinates.wgs84ToBd09(121.5272106, 31.1774276));
		assertThat(ChinaCoordinatesTest.metres(InputCrs.BD09.toWgs84(bd[0], bd[1]), 121.5272106, 31.1774276))
			.isLessThan(0.003);
	}

	@Test
	void nonFiniteCoordinatesAreRejectedForEveryCrs() {
		for (InputCrs crs : InputCrs.values()) {
			assertThatIllegalArgumentException().isThrownBy(() -> crs.toWgs84(Double.NaN, 30));
			assertThatIllegalArgumentException().isThrownBy(() -> crs.fromWgs84(120, Double.POSITIVE_INFINITY));
		}
	}

}
