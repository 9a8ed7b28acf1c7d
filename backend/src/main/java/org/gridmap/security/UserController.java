package org.gridmap.security;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users}, admins only ({@link SecurityConfiguration}): list, create, read,
 * change (display name, roles, regions, enabled, password) and disable users. Users are
 * never deleted, so that the names in timelines and plan trails keep meaning someone; no
 * answer carries a password or its hash.
 */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

	private final Users users;

	UserController(Users users) {
		this.users = users;
	}

	@GetMapping
	Mono<UserList> list() {
		return this.users.list().collectList().map(UserList::new);
	}

	@PostMapping
	Mono<ResponseEntity<Users.User>> create(@RequestBody Users.UserBody body) {
		return this.users.create(body)
			.map((user) -> ResponseEntity.created(URI.create("/api/v1/users/" + user.login())).body(user));
	}

	@GetMapping("/{login}")
	Mono<Users.User> get(@PathVariable String login) {
		return this.users.get(login);
	}

	@PatchMapping("/{login}")
	Mono<Users.User> update(@PathVariable String login, @RequestBody Users.UserBody body) {
		return Caller.current().flatMap((me) -> {
			if (me.name().equals(login) && (Boolean.FALSE.equals(body.enabled())
					|| (body.roles() != null && !body.roles().stream().anyMatch("ADMIN"::equalsIgnoreCase)))) {
				return Mono
					.error(SecurityProblem.conflict("Admins cannot disable themselves or drop their own ADMIN role."));
			}
			return this.users.update(login, body);
		});
	}

	/** Disables the user and ends their sessions. */
	@DeleteMapping("/{login}")
	Mono<Users.User> disable(@PathVariable String login) {
		return update(login, new Users.UserBody(null, null, null, null, null, false));
	}

	record UserList(List<Users.User> users) {
	}

}
