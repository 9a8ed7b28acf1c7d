package org.gridmap.inputguard;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses (415) a JSON body that names a charset other than UTF-8 (or its subset
 * US-ASCII). JSON between systems is UTF-8 (RFC 8259 §8.1); the readers decode UTF-8
 * whatever the label says, so a body labelled EBCDIC or GBK was read as something its
 * sender did not mean, and was stored.
 */
@Component
class JsonCharsetFilter implements WebFilter {

	private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON,
			MediaType.parseMediaType("application/*+json"));

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		MediaType type;
		try {
			type = exchange.getRequest().getHeaders().getContentType();
		}
		catch (RuntimeException ex) {
			// An unparseable Content-Type is refused by the handler that reads the body.
			return chain.filter(exchange);
		}
		if (type != null && type.getParameter("charset") != null
				&& JSON.stream().anyMatch((json) -> json.includes(type)) && !utf8(type.getParameter("charset"))) {
			return Mono.error(new UnsupportedMediaTypeStatusException(type, List.of(MediaType.APPLICATION_JSON)));
		}
		return chain.filter(exchange);
	}

	private static boolean utf8(String charset) {
		String name = charset.replace("\"", "").strip();
		try {
			Charset given = Charset.forName(name);
			return given.equals(StandardCharsets.UTF_8) || given.equals(StandardCharsets.US_ASCII);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
