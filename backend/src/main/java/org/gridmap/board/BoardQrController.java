package org.gridmap.board;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /board/{gridCode}/qr.svg} (and {@code .png}): the QR code printed on a board. It
 * holds the absolute address of the public lookup page opened on the grid, built from the
 * address the board was requested at, so a board printed from a server prints that
 * server's address.
 */
@RestController
class BoardQrController {

	static final MediaType SVG = new MediaType("image", "svg+xml", StandardCharsets.UTF_8);

	/** Pixels per module of the PNG: 8 gives ~300 px, sharp at print size. */
	private static final int PNG_SCALE = 8;

	/** The code only changes with the host name, so caches may keep it a day. */
	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();

	private final BoardRepository repository;

	BoardQrController(BoardRepository repository) {
		this.repository = repository;
	}

	@GetMapping("/board/{gridCode}/qr.svg")
	Mono<ResponseEntity<String>> svg(@PathVariable String gridCode, ServerHttpRequest request) {
		return qrCode(gridCode, request)
			.map((qr) -> ResponseEntity.ok().contentType(SVG).cacheControl(CACHE).body(qr.svg()));
	}

	@GetMapping("/board/{gridCode}/qr.png")
	Mono<ResponseEntity<byte[]>> png(@PathVariable String gridCode, ServerHttpRequest request) {
		return qrCode(gridCode, request).map((qr) -> ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(CACHE)
			.body(qr.png(PNG_SCALE)));
	}

	private Mono<QrCode> qrCode(String gridCode, ServerHttpRequest request) {
		String code = BoardCodes.check("gridCode", gridCode, BoardCodes.GRID);
		String target = lookupAddress(request.getURI(), code);
		return this.repository.gridExists(code).map((exists) -> {
			if (!exists) {
				throw BoardProblem.unknownGrid(code, null);
			}
			return QrCode.encode(target);
		});
	}

	/** {scheme://host:port}/lookup?grid=CODE of the address the request came to. */
	static String lookupAddress(URI requested, String gridCode) {
		return UriComponentsBuilder.newInstance()
			.scheme(requested.getScheme())
			.host(requested.getHost())
			.port(requested.getPort())
			.path("/lookup")
			.queryParam("grid", gridCode)
			.build()
			.toUriString();
	}

}
