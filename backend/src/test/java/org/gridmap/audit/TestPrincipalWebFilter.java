package org.gridmap.audit;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Tests only (found by component scanning of the test classes): a request with header
 * {@code X-Test-Principal} is made by that principal, as if authentication had named it,
 * so that tests can check what the audit log records as the actor. Runs after any
 * security filter chain (-100) and before {@link AuditWebFilter}.
 */
@Component
class TestPrincipalWebFilter implements WebFilter, Ordered {

	static final String HEADER = "X-Test-Principal";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String name = exchange.getRequest().getHeaders().getFirst(HEADER);
		if (name == null) {
			return chain.filter(exchange);
		}
		Principal principal = () -> name;
		return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
	}

	@Override
	public int getOrder() {
		return AuditWebFilter.ORDER - 50;
	}

}
