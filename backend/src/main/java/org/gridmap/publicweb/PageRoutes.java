package org.gridmap.publicweb;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The pages' addresses. The pages themselves (HTML, ES modules, CSS) live in the
 * {@code web-map} module under {@code META-INF/resources/}, which Spring serves as static
 * resources; this maps the clean paths ({@code /map}) to their HTML files.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

	@Bean
	RouterFunction<ServerResponse> pages() {
		return route(GET("/"), (request) -> page("index.html")).andRoute(GET("/map"), (request) -> page("map.html"))
			// one notice board, or with ?street= / ?community= all boards of an area
			.andRoute(GET("/board/{gridCode}"), (request) -> page("board.html"))
			.andRoute(GET("/board"), (request) -> page("board.html"))
			// the resident's page: which grid am I in, whom do I call, report and track
			.andRoute(GET("/lookup"), (request) -> page("lookup.html"))
			// assessment tables and charts by grid, worker, community, street, department
			.andRoute(GET("/assessment"), (request) -> page("assessment.html"))
			// the planner's station list and editor
			.andRoute(GET("/stations"), (request) -> page("stations.html"))
			// the planner's page: draft plans edited on the map, validation, impact,
			// publish
			.andRoute(GET("/plan"), (request) -> page("plan.html"));
	}

	private static Mono<ServerResponse> page(String name) {
		Resource html = new ClassPathResource("META-INF/resources/pages/" + name);
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.bodyValue(html);
	}

}
