package org.gridmap.audit;

import java.security.Principal;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Puts who is writing into the Reactor context of every request that may write (any
 * method but GET, HEAD and OPTIONS, except the POSTs that only read): the principal that
 * authentication left on the exchange, {@code anonymous} when there is none, and the
 * request. {@link ActorConnectionFactory} hands it to the database. Reads carry nothing,
 * so they pay nothing: no extra statement on their connections.
 *
 * <p>
 * Runs after the security filter chain (Spring Security's is at -100), whose exchange
 * carries the authenticated principal.
 */
@Component
class AuditWebFilter implements WebFilter, Ordered {

	static final int ORDER = 0;

	/**
	 * POSTs that never write: the batch lookup is a read with a body (and is
	 * benchmarked), as are the previews and proposals that answer without storing.
	 */
	static final Set<String> READ_ONLY_POSTS = Set.of("/api/v1/lookup", "/api/v1/grids/imports/preview",
			"/api/v1/proposals", "/api/v1/coverage/siting");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpMethod method = exchange.getRequest().getMethod();
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!writes(method, path)) {
			return chain.filter(exchange);
		}
		String request = method.name() + " " + path;
		String id = exchange.getRequest().getId();
		return exchange.getPrincipal()
			// Spring Security's stand-in for nobody (when anonymous access is configured)
			// is recorded as anonymous too; named by class so that this package does not
			// depend on the security library.
			.filter((principal) -> !principal.getClass().getSimpleName().equals("AnonymousAuthenticationToken"))
			.map(Principal::getName)
			.defaultIfEmpty("anonymous")
			.flatMap((actor) -> chain.filter(exchange)
				.contextWrite((context) -> context.put(AuditRequest.class, new AuditRequest(actor, request, id))));
	}

	static boolean writes(HttpMethod method, String path) {
		if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
			return false;
		}
		return !(HttpMethod.POST.equals(method) && READ_ONLY_POSTS.contains(path));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
