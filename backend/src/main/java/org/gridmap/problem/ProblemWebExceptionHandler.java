package org.gridmap.problem;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Problem details for errors raised outside controllers, where {@link ProblemHandler}
 * does not reach: no route for the path, a method a static page does not allow, a failure
 * in a filter. Ordered before Spring Boot's default handler, whose body is not RFC 9457.
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemWebExceptionHandler.class);

	private final ServerResponse.Context context;

	ProblemWebExceptionHandler(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {
			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}
		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail body;
		HttpStatusCode status;
		HttpHeaders headers = new HttpHeaders();
		if (ex instanceof ErrorResponse error) {
			status = error.getStatusCode();
			headers.addAll(error.getHeaders());
			body = error.getBody();
			ProblemHandler.typed(body, status);
		}
		else {
			logger.error(
					"Unexpected error on " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath(),
					ex);
			status = HttpStatus.INTERNAL_SERVER_ERROR;
			body = ProblemDetail.forStatusAndDetail(status, "An unexpected error occurred; it has been logged.");
			body.setType(GridmapProblem.type("internal-error"));
			body.setTitle("Internal error");
		}
		body.setInstance(exchange.getRequest().getURI());
		if (status.value() == 404 && body.getDetail() == null) {
			body.setDetail("No resource at " + exchange.getRequest().getPath().value());
		}
		return ServerResponse.status(status)
			.headers((h) -> h.addAll(headers))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(body)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

}
