package org.gridmap.gridfile;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's GDAL command-line tools, used by the tests to make and check files the way a
 * planner's QGIS would. Absent outside CI, the tests that need them are skipped; in CI
 * their absence fails.
 */
final class Gdal {

	private Gdal() {
	}

	static void assumePresent() {
		if (!"true".equals(System.getenv("CI"))) {
			Assumptions.assumeTrue(new File("/usr/bin/ogr2ogr").canExecute(),
					"ogr2ogr missing: run scripts/test-tools.sh");
		}
	}

	static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String text = new String(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
		return text;
	}

	/** {@code ogr2ogr} into a new file; extra options before the two file names. */
	static Path convert(Path source, Path target, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("ogr2ogr"));
		command.addAll(List.of(options));
		command.add(target.toString());
		command.add(source.toString());
		run(command.toArray(String[]::new));
		return target;
	}

	/** A shapefile written by ogr2ogr, zipped with all its companion files. */
	static Path shapefileZip(Path source, Path directory, String name, String... options) throws Exception {
		Path folder = Files.createDirectories(directory.resolve(name + "-shp"));
		convert(source, folder.resolve(name + ".shp"), options);
		Path zip = directory.resolve(name + ".zip");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
				Stream<Path> parts = Files.list(folder)) {
			for (Path part : parts.sorted().toList()) {
				out.putNextEntry(new ZipEntry(name + "/" + part.getFileName()));
				out.write(Files.readAllBytes(part));
				out.closeEntry();
			}
		}
		return zip;
	}

}
