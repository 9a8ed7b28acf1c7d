package org.gridmap.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Per-client limits on the public endpoints, so one client cannot flood lookups or
 * reports: a token bucket per client address and kind (lookups, submissions), answered
 * with a 429 problem and {@code Retry-After} when empty. The client address is the
 * connection's peer, or the last {@code X-Forwarded-For} hop when the peer is a trusted
 * proxy. Buckets live in this instance's memory: behind a load balancer each instance
 * enforces its own share.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

	/** Idle buckets are full again after this long and can be dropped. */
	static final Duration IDLE = Duration.ofMinutes(10);

	private final boolean enabled;

	private final Limit lookups;

	private final Limit submissions;

	private final Set<String> trustedProxies;

	private final Set<String> exempt;

	private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	RateLimitFilter(@Value("${gridmap.rate-limit.enabled}") boolean enabled,
			@Value("${gridmap.rate-limit.lookups-per-minute}") int lookupsPerMinute,
			@Value("${gridmap.rate-limit.submissions-per-minute}") int submissionsPerMinute,
			@Value("${gridmap.rate-limit.trusted-proxies}") String trustedProxies,
			@Value("${gridmap.rate-limit.exempt}") String exempt) {
		this.enabled = enabled;
		this.lookups = new Limit("lookups", lookupsPerMinute);
		this.submissions = new Limit("submissions", submissionsPerMinute);
		this.trustedProxies = addresses(trustedProxies);
		this.exempt = addresses(exempt);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Limit limit = this.enabled ? limitFor(exchange.getRequest()) : null;
		if (limit == null) {
			return chain.filter(exchange);
		}
		String client = client(exchange.getRequest());
		if (client == null || this.exempt.contains(client)) {
			return chain.filter(exchange);
		}
		TokenBucket bucket = this.buckets.computeIfAbsent(limit.name() + "|" + client,
				(key) -> new TokenBucket(limit.perMinute()));
		long waitMillis = bucket.take(System.nanoTime());
		if (waitMillis == 0) {
			return chain.filter(exchange);
		}
		return Mono.error(new TooManyRequests(limit, Math.max(1, (waitMillis + 999) / 1000)));
	}

	/** Drops buckets that have been idle long enough to be full again. */
	@Scheduled(fixedDelay = 60_000)
	void forgetIdleClients() {
		long now = System.nanoTime();
		this.buckets.values().removeIf((bucket) -> bucket.idleFor(now) > IDLE.toNanos());
	}

	private Limit limitFor(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		HttpMethod method = request.getMethod();
		if (HttpMethod.POST.equals(method)
				&& (path.equals("/api/v1/incidents") || path.startsWith("/open311/v2/requests"))) {
			return this.submissions;
		}
		if (path.equals("/api/v1/lookup") || path.equals("/api/v1/addresses")
				|| path.startsWith("/api/v1/incidents/track/")) {
			return this.lookups;
		}
		return null;
	}

	private String client(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		String peer = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
		if (peer != null && this.trustedProxies.contains(peer)) {
			String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
			if (forwarded != null && !forwarded.isBlank()) {
				String[] hops = forwarded.split(",");
				return hops[hops.length - 1].strip();
			}
		}
		return peer;
	}

	private static Set<String> addresses(String list) {
		return Arrays.stream(list.split(","))
			.map(String::strip)
			.filter((s) -> !s.isEmpty())
			.collect(Collectors.toSet());
	}

	record Limit(String name, int perMinute) {
	}

	/** The 429 problem; {@code Retry-After} says when the next request will be taken. */
	static class TooManyRequests extends org.gridmap.problem.GridmapProblem {

		TooManyRequests(Limit limit, long retryAfterSeconds) {
			super(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", "This client sent more than "
					+ limit.perMinute() + " " + limit.name() + " a minute; try again in " + retryAfterSeconds + " s.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
			with("retryAfterSeconds", retryAfterSeconds);
		}

	}

}
