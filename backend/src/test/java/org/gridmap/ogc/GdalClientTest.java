package org.gridmap.ogc;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GDAL's OGC API – Features driver (the one QGIS uses) reads every collection: the same
 * client a planner points at {@code /ogc}. Needs Debian's gdal-bin; in CI its absence
 * fails.
 */
class GdalClientTest extends IntegrationTest {

	static final String OGRINFO = "/usr/bin/ogrinfo";

	@BeforeAll
	static void ogrinfoPresent() {
		if (!"true".equals(System.getenv("CI"))) {
			Assumptions.assumeTrue(new File(OGRINFO).canExecute(), "ogrinfo missing: run scripts/test-tools.sh");
		}
	}

	@Test
	void ogrinfoListsEveryCollection() throws Exception {
		String out = ogrinfo("-ro", "-q", "OAPIF:" + baseUrl() + "/ogc");
		for (String collection : List.of("districts", "streets", "communities", "grids", "stations", "incidents")) {
			assertThat(out).contains(collection);
		}
	}

	@Test
	void ogrinfoReadsAllGridsWithTheirAttributesAcrossPages() throws Exception {
		String out = ogrinfo("-ro", "-so", "OAPIF:" + baseUrl() + "/ogc", "grids");
		assertThat(out).contains("Feature Count: 146").contains("households").contains("streetName");
		String all = ogrinfo("-ro", "-q", "-oo", "PAGE_SIZE=50", "OAPIF:" + baseUrl() + "/ogc", "grids");
		assertThat(all.split("OGRFeature\\(grids\\)", -1)).hasSize(147);
		assertThat(all).contains("MULTIPOLYGON");
	}

	private static String ogrinfo(String... arguments) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of(OGRINFO));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String text = new String(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(text).isZero();
		return text;
	}

}
