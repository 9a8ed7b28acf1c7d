package org.gridmap.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A signed-in user, however they signed in (session token or OIDC JWT): the principal is
 * the {@link Caller}, the authorities its roles.
 */
final class StaffAuthentication extends AbstractAuthenticationToken {

	private final Caller caller;

	StaffAuthentication(Caller caller) {
		super(caller.roles().stream().map((role) -> new SimpleGrantedAuthority(role.authority())).toList());
		this.caller = caller;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.caller;
	}

	@Override
	public String getName() {
		return this.caller.name();
	}

}
