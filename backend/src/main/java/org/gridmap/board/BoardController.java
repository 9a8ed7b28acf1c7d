package org.gridmap.board;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.gridmap.geo.AsOf;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/boards}: the notice board of one grid, or the boards of every grid of a
 * street or community for printing them all at once. PostGIS writes each board; this
 * class checks the codes and wraps the batch.
 */
@RestController
@RequestMapping(path = "/api/v1/boards", produces = MediaType.APPLICATION_JSON_VALUE)
class BoardController {

	private final BoardRepository repository;

	private final ZoneId zone;

	BoardController(BoardRepository repository, @Value("${gridmap.time-zone}") ZoneId zone) {
		this.repository = repository;
		this.zone = zone;
	}

	@GetMapping("/{gridCode}")
	Mono<String> board(@PathVariable String gridCode, @RequestParam(required = false) String asOf) {
		String code = BoardCodes.check("gridCode", gridCode, BoardCodes.GRID);
		OffsetDateTime instant = asOf(asOf);
		return this.repository.boards(code, instant)
			.next()
			.switchIfEmpty(Mono.error(() -> BoardProblem.unknownGrid(code, given(asOf))));
	}

	@GetMapping
	Mono<String> boards(@RequestParam(required = false) String street, @RequestParam(required = false) String community,
			@RequestParam(required = false) String asOf) {
		boolean byStreet = street != null && !street.isBlank();
		boolean byCommunity = community != null && !community.isBlank();
		if (byStreet == byCommunity) {
			throw BoardProblem.invalid(byStreet ? "community" : "street",
					"Give exactly one of 'street' (9 digits) or 'community' (12 digits)");
		}
		String parameter = byStreet ? "street" : "community";
		String code = BoardCodes.check(parameter, byStreet ? street : community,
				byStreet ? BoardCodes.STREET : BoardCodes.COMMUNITY);
		OffsetDateTime instant = asOf(asOf);
		return this.repository.boards(code, instant).collectList().map((docs) -> {
			if (docs.isEmpty()) {
				throw BoardProblem.noGrids(parameter, code, given(asOf));
			}
			StringBuilder out = new StringBuilder(docs.size() * 4096);
			out.append("{\"")
				.append(parameter)
				.append("\":\"")
				.append(code)
				.append("\",\"count\":")
				.append(docs.size())
				.append(",\"boards\":[");
			for (int i = 0; i < docs.size(); i++) {
				out.append((i > 0) ? "," : "").append(docs.get(i));
			}
			return out.append("]}").toString();
		});
	}

	private OffsetDateTime asOf(String text) {
		try {
			return AsOf.parse(text, this.zone);
		}
		catch (IllegalArgumentException ex) {
			throw BoardProblem.invalid("asOf", ex.getMessage());
		}
	}

	private static String given(String asOf) {
		return (asOf != null && !asOf.isBlank()) ? asOf.trim() : null;
	}

}
