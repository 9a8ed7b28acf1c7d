package org.gridmap.gridfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Turns a stream of export rows into the bytes of a file. GeoJSON and CSV are streamed as
 * the rows arrive (the text of each row was written by PostGIS; Java adds the envelope
 * and separators); a GeoPackage is written to a temporary file off the event loop, then
 * streamed and deleted.
 */
final class ExportWriter {

	static final String CSV_HEADER = "\uFEFFcode,name,type,households,population,community_code,street_code,"
			+ "community_name,valid_from,wkt\r\n";

	/** Rows joined per network write. */
	static final int ROWS_PER_WRITE = 50;

	private ExportWriter() {
	}

	static Flux<DataBuffer> write(ExportFormat format, String name, Flux<ExportRow> rows, DataBufferFactory buffers) {
		return switch (format) {
			case GEOJSON -> text(geoJson(name, rows), buffers);
			case CSV -> text(Flux.concat(Mono.just(CSV_HEADER), rows.map(ExportRow::text)), buffers);
			case GPKG -> geoPackage(rows, buffers);
		};
	}

	private static Flux<String> geoJson(String name, Flux<ExportRow> rows) {
		AtomicLong written = new AtomicLong();
		Flux<String> features = rows.map((row) -> (written.getAndIncrement() > 0 ? "," : "") + row.text());
		return Flux.concat(Mono.just(
				"{\"type\":\"FeatureCollection\",\"name\":" + org.gridmap.geo.JsonText.quote(name) + ",\"features\":["),
				features, Mono.just("]}\n"));
	}

	private static Flux<DataBuffer> text(Flux<String> parts, DataBufferFactory buffers) {
		return parts.buffer(ROWS_PER_WRITE)
			.map((portion) -> buffers.wrap(String.join("", portion).getBytes(StandardCharsets.UTF_8)));
	}

	private static Flux<DataBuffer> geoPackage(Flux<ExportRow> rows, DataBufferFactory buffers) {
		return Mono.fromCallable(() -> {
			Path directory = Files.createTempDirectory("gridmap-export-");
			return directory.resolve("grids.gpkg");
		}).subscribeOn(Schedulers.boundedElastic()).flatMapMany((file) -> {
			GeoPackageWriter[] writer = new GeoPackageWriter[1];
			Mono<Path> written = rows.publishOn(Schedulers.boundedElastic()).doOnNext((row) -> {
				if (writer[0] == null) {
					writer[0] = new GeoPackageWriter(file);
				}
				writer[0].write(row);
			}).then(Mono.fromCallable(() -> {
				if (writer[0] == null) {
					writer[0] = new GeoPackageWriter(file);
				}
				writer[0].finish();
				writer[0].close();
				return file;
			}).subscribeOn(Schedulers.boundedElastic())).doOnError((ex) -> {
				if (writer[0] != null) {
					writer[0].close();
				}
			});
			return written.flatMapMany((path) -> DataBufferUtils.read(path, buffers, 64 * 1024))
				.doFinally((signal) -> delete(file));
		});
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
			Files.deleteIfExists(file.resolveSibling("grids.gpkg-journal"));
			Files.deleteIfExists(file.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
