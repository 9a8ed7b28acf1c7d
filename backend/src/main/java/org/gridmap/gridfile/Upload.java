package org.gridmap.gridfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Receives an uploaded grid file into a temporary file as it streams in, counting bytes
 * and refusing (413) past the limit, so that a large upload never sits in memory. Takes
 * {@code multipart/form-data} (the file in part {@code file}, other parameters as form
 * fields) or the file as the raw body (parameters in the query string). Grid files have
 * their own reader here, not the application-wide multipart limits that are sized for
 * photos.
 */
final class Upload implements AutoCloseable {

	static final int MAX_FIELD_BYTES = 8 * 1024;

	/**
	 * Room for the multipart boundaries, part headers and form fields around the file.
	 */
	static final long MULTIPART_OVERHEAD = 64 * 1024;

	private final Path directory;

	private final Path file;

	private final String filename;

	private final Map<String, String> fields;

	private final long bytes;

	private Upload(Path directory, Path file, String filename, Map<String, String> fields, long bytes) {
		this.directory = directory;
		this.file = file;
		this.filename = filename;
		this.fields = fields;
		this.bytes = bytes;
	}

	Path file() {
		return this.file;
	}

	String filename() {
		return this.filename;
	}

	long bytes() {
		return this.bytes;
	}

	/** A form field, else the query parameter of the same name, else null. */
	String parameter(String name) {
		return this.fields.get(name);
	}

	static Mono<Upload> receive(ServerHttpRequest request, long maxBytes) {
		MediaType type = request.getHeaders().getContentType();
		long declared = request.getHeaders().getContentLength();
		if (declared > maxBytes + MULTIPART_OVERHEAD) {
			// Refused before reading: the client said how large the body is.
			return Mono.error(tooLarge(maxBytes));
		}
		Map<String, String> fields = new ConcurrentHashMap<>(request.getQueryParams().toSingleValueMap());
		return Mono.fromCallable(() -> Files.createTempDirectory("gridmap-upload-"))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((directory) -> {
				Path target = directory.resolve("upload");
				AtomicLong counted = new AtomicLong();
				AtomicReference<String> filename = new AtomicReference<>();
				Mono<Void> stored;
				if (type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
					PartEventHttpMessageReader reader = new PartEventHttpMessageReader();
					reader.setMaxInMemorySize(MAX_FIELD_BYTES);
					reader.setMaxParts(16);
					AtomicLong files = new AtomicLong();
					stored = reader.read(ResolvableType.forClass(PartEvent.class), request, Map.of())
						.windowUntil(PartEvent::isLast)
						.concatMap((part) -> part.switchOnFirst((first, events) -> {
							PartEvent event = first.get();
							if (event instanceof FilePartEvent filePart && "file".equals(filePart.name())) {
								if (files.incrementAndGet() > 1) {
									return Mono.error(GridfileProblem.parameter("file", "Send one file per upload."));
								}
								filename.set(filePart.filename());
								return write(events.map(PartEvent::content), target, counted, maxBytes);
							}
							if (event instanceof FormPartEvent form) {
								fields.put(form.name(), form.value());
							}
							return events.doOnNext((e) -> DataBufferUtils.release(e.content())).then();
						}))
						.then(Mono.defer(() -> (files.get() == 0)
								? Mono.error(GridfileProblem.parameter("file",
										"The multipart body has no part named 'file' holding the grid file."))
								: Mono.empty()));
				}
				else {
					stored = write(request.getBody(), target, counted, maxBytes);
				}
				return stored
					.then(Mono.fromCallable(() -> new Upload(directory, target, filename.get(), fields, counted.get())))
					.onErrorMap(DataBufferLimitException.class,
							(ex) -> GridfileProblem.parameter("file", "A form field is too long: " + ex.getMessage()))
					.doOnError((ex) -> delete(directory, target));
			});
	}

	private static Mono<Void> write(Flux<DataBuffer> content, Path target, AtomicLong counted, long maxBytes) {
		Flux<DataBuffer> limited = content.map((buffer) -> {
			if (counted.addAndGet(buffer.readableByteCount()) > maxBytes) {
				DataBufferUtils.release(buffer);
				throw tooLarge(maxBytes);
			}
			return buffer;
		});
		return DataBufferUtils.write(limited, target)
			.then(Mono.defer(() -> (counted.get() == 0)
					? Mono.error(GridfileProblem.parameter("file", "The uploaded file is empty.")) : Mono.empty()));
	}

	private static GridfileProblem tooLarge(long maxBytes) {
		return GridfileProblem.tooLarge("bytes", maxBytes,
				"The file is larger than " + (maxBytes / 1024 / 1024) + " MB; split it.");
	}

	@Override
	public void close() {
		delete(this.directory, this.file);
	}

	private static void delete(Path directory, Path file) {
		try {
			Files.deleteIfExists(file);
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
