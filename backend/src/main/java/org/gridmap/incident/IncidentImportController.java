package org.gridmap.incident;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/incidents/imports} with a CSV body ({@code text/csv}). With
 * {@code Accept: application/x-ndjson} the answer streams one progress line per phase
 * (checked, staging … , done or failed); otherwise it answers once: 201 with the count,
 * or 422 problem listing every bad row and column, and nothing stored.
 */
@RestController
class IncidentImportController {

	static final int MAX_BYTES = 64 * 1024 * 1024;

	private final IncidentImport imports;

	IncidentImportController(IncidentImport imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/api/v1/incidents/imports", consumes = "text/csv",
			produces = MediaType.APPLICATION_NDJSON_VALUE)
	Flux<IncidentImport.Progress> importWithProgress(ServerHttpRequest request,
			@RequestParam(defaultValue = "import") String actor) {
		// A file refused by the check is answered as a 422 problem, as without progress:
		// the check's report is the first element, so nothing has been sent yet.
		return body(request).flatMapMany((csv) -> this.imports.run(csv, actor(actor)))
			.switchOnFirst((first, progress) -> {
				IncidentImport.Progress checked = first.get();
				if (first.hasValue() && checked != null && !checked.errors().isEmpty()) {
					return Flux.error(ImportProblem.of(checked.errors()));
				}
				return progress;
			});
	}

	@PostMapping(path = "/api/v1/incidents/imports", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<IncidentImport.Progress>> importAtOnce(ServerHttpRequest request,
			@RequestParam(defaultValue = "import") String actor) {
		return body(request).flatMap((csv) -> this.imports.run(csv, actor(actor)).last()).map((last) -> {
			if ("failed".equals(last.phase())) {
				throw ImportProblem.of(last.errors());
			}
			return ResponseEntity.status(HttpStatus.CREATED).body(last);
		});
	}

	private static String actor(String actor) {
		NewReport.storable("actor", actor);
		if (actor.isBlank() || actor.length() > 100) {
			throw IncidentProblem.invalid("actor", "'actor' must hold 1 to 100 characters");
		}
		return actor.strip();
	}

	private static byte[] bytes(org.springframework.core.io.buffer.DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		return bytes;
	}

	private static Mono<String> body(ServerHttpRequest request) {
		return DataBufferUtils.join(request.getBody(), MAX_BYTES).map((buffer) -> {
			try {
				// Strict: a byte that is not UTF-8 is refused, not stored as U+FFFD.
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(java.nio.ByteBuffer.wrap(bytes(buffer)))
					.toString();
			}
			catch (CharacterCodingException ex) {
				throw IncidentProblem.invalid("body", "The CSV file is not UTF-8 text (save it as CSV UTF-8).");
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		})
			.defaultIfEmpty("")
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new ImportProblem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "CSV file too large",
							"Import files hold at most " + (MAX_BYTES / 1024 / 1024) + " MB; split the file."));
	}

	/** A refused import, with every bad row. */
	static class ImportProblem extends org.gridmap.problem.GridmapProblem {

		ImportProblem(HttpStatus status, String slug, String title, String detail) {
			super(status, slug, title, detail);
		}

		static ImportProblem of(List<IncidentImport.RowError> errors) {
			ImportProblem problem = new ImportProblem(HttpStatus.UNPROCESSABLE_CONTENT, "import-rejected",
					"Import rejected", errors.size() + " problem(s) in the file; nothing was imported. "
							+ "The first: line " + errors.get(0).line() + ": " + errors.get(0).message());
			problem.with("errors", errors);
			return problem;
		}

	}

}
