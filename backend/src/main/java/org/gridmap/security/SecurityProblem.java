package org.gridmap.security;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/**
 * Sign-in, users and authorisation errors. Features use {@link #outsideRegions} when the
 * signed-in user asks for something outside their regions.
 */
public final class SecurityProblem extends GridmapProblem {

	private SecurityProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	static SecurityProblem unauthenticated(String detail) {
		return new SecurityProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in required", detail);
	}

	static SecurityProblem badCredentials() {
		return new SecurityProblem(HttpStatus.UNAUTHORIZED, "bad-credentials", "Sign-in failed",
				"The name or the password is wrong, or the user is disabled.");
	}

	static SecurityProblem forbidden(String detail) {
		return new SecurityProblem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
	}

	/**
	 * The area asked for (a plan's street or community, an export's area) is outside the
	 * user's regions.
	 */
	public static SecurityProblem outsideRegions(String what) {
		return new SecurityProblem(HttpStatus.FORBIDDEN, "outside-regions", "Outside your regions",
				what + " is outside the regions granted to you.");
	}

	static SecurityProblem tooManyAttempts(long seconds) {
		SecurityProblem problem = new SecurityProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-attempts",
				"Too many failed sign-ins", "Too many failed sign-ins for this name; try again in " + seconds + " s.");
		problem.getHeaders().set("Retry-After", String.valueOf(seconds));
		return problem;
	}

	static SecurityProblem invalid(String field, String detail) {
		SecurityProblem problem = new SecurityProblem(HttpStatus.BAD_REQUEST, "invalid-user", "Invalid user data",
				detail);
		problem.with("field", field);
		return problem;
	}

	static SecurityProblem notFound(String login) {
		return new SecurityProblem(HttpStatus.NOT_FOUND, "user-not-found", "No such user",
				"There is no user '" + abbreviate(login) + "'.");
	}

	static SecurityProblem conflict(String detail) {
		return new SecurityProblem(HttpStatus.CONFLICT, "user-conflict", "Conflict", detail);
	}

	static String abbreviate(String text) {
		if (text == null) {
			return "";
		}
		return (text.length() > 64) ? text.substring(0, 64) + "…" : text;
	}

}
