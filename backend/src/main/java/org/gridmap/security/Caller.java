package org.gridmap.security;

import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * The signed-in user of a request: name, roles and granted regions. A region is an area
 * code; it covers every code that starts with it (district 6 digits, street 9, community
 * 12, grid 15). An admin is covered everywhere.
 *
 * @param name the login (or, from an OIDC token, the configured name claim): what the
 * timelines and audit trails record as the author
 */
public record Caller(String name, String displayName, Set<Role> roles, List<String> regions) {

	/** The signed-in user of the current request; empty for the public. */
	public static Mono<Caller> current() {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.map(Authentication::getPrincipal)
			.ofType(Caller.class);
	}

	/** The signed-in user; a 401 problem for the public. */
	public static Mono<Caller> required() {
		return current().switchIfEmpty(Mono.error(() -> SecurityProblem.unauthenticated("Sign in first.")));
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	public boolean isAdmin() {
		return has(Role.ADMIN);
	}

	/**
	 * Whether the user may see and act on what lies in an area: an incident's grid, a
	 * plan's street or community. A {@code null} area (an incident outside every grid) is
	 * covered by admins only.
	 */
	public boolean covers(String areaCode) {
		if (isAdmin()) {
			return true;
		}
		if (areaCode == null) {
			return false;
		}
		for (String region : this.regions) {
			if (areaCode.startsWith(region)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The regions as SQL {@code LIKE} patterns ({@code code%}; codes are digits only), or
	 * {@code null} for an admin, who is not filtered.
	 */
	public String[] regionPatterns() {
		if (isAdmin()) {
			return null;
		}
		return this.regions.stream().map((region) -> region + "%").toArray(String[]::new);
	}

}
