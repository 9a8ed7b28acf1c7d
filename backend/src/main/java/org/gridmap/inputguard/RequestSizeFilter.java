package org.gridmap.inputguard;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses an overlong request line (414) or oversized headers (431) with a problem, as
 * every other refusal. Netty's own limits sit higher (64 KB, application.properties),
 * since past them it answers with an empty body before any application code runs; these
 * are the limits clients meet.
 */
@Component
class RequestSizeFilter implements WebFilter {

	private final long maxRequestLine;

	private final long maxHeaders;

	RequestSizeFilter(@Value("${gridmap.http.max-request-line}") DataSize maxRequestLine,
			@Value("${gridmap.http.max-header-size}") DataSize maxHeaders) {
		this.maxRequestLine = maxRequestLine.toBytes();
		this.maxHeaders = maxHeaders.toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String target = request.getURI().getRawPath()
				+ ((request.getURI().getRawQuery() != null) ? "?" + request.getURI().getRawQuery() : "");
		if (request.getMethod().name().length() + target.length() + 10 > this.maxRequestLine) {
			return Mono.error(new ResponseStatusException(HttpStatus.URI_TOO_LONG,
					"The request line is longer than " + this.maxRequestLine + " bytes; send long input in a body."));
		}
		long headers = 0;
		for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
			for (String value : header.getValue()) {
				headers += header.getKey().length() + value.length() + 4;
			}
		}
		if (headers > this.maxHeaders) {
			return Mono.error(new ResponseStatusException(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
					"The request headers are larger than " + this.maxHeaders + " bytes together."));
		}
		return chain.filter(exchange);
	}

}
