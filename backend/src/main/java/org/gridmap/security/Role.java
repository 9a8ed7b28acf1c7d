package org.gridmap.security;

import java.util.Locale;

/**
 * The staff roles. The public (anonymous) is no role: it is what is left without a
 * sign-in.
 */
public enum Role {

	/** Checks reports on site in their grids (verify, fail verification). */
	GRID_WORKER,

	/** Runs the incident loop of their regions from the map; sees analytics. */
	DISPATCHER,

	/** Redraws the grids of their regions: plans, proposals, grid files, stations. */
	PLANNER,

	/** Everything, everywhere, and the users. */
	ADMIN;

	/** The Spring Security authority of the role. */
	String authority() {
		return "ROLE_" + name();
	}

	/** A role by name, in any case and with - or _; {@code null} when there is none. */
	static Role parse(String text) {
		if (text == null) {
			return null;
		}
		String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
		for (Role role : values()) {
			if (role.name().equals(name)) {
				return role;
			}
		}
		return null;
	}

}
