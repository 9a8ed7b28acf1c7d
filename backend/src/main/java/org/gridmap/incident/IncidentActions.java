package org.gridmap.incident;

import java.time.OffsetDateTime;

import org.gridmap.database.SqlScript;
import org.gridmap.security.Caller;
import org.gridmap.security.Role;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Moves incidents through the loop: reads the incident under a row lock, checks the step
 * against {@link Workflow} (region, state, then role), updates it and appends the
 * timeline step in one transaction. A refused step changes nothing. The actor is the
 * signed-in user; the workflow role comes from their roles ({@link #actingRole}).
 */
@Component
class IncidentActions {

	private static final String TRANSITION = SqlScript.load(IncidentActions.class, "transition.sql");

	private static final String EVENT = SqlScript.load(IncidentActions.class, "event.sql");

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	IncidentActions(DatabaseClient db, ReactiveTransactionManager transactions) {
		this.db = db;
		this.transaction = TransactionalOperator.create(transactions);
	}

	/**
	 * The workflow role a user takes a step in, or {@code null} when their roles do not
	 * allow it. Departments have no accounts yet: the dispatch centre records their
	 * acceptance, returns and handling, and the residents' satisfaction call-backs (回访),
	 * so dispatchers take the department and public steps. Admins take any step, recorded
	 * as admin.
	 */
	static String actingRole(Workflow step, Caller caller) {
		boolean may = switch (step.role()) {
			case "dispatcher", "department", "public" -> caller.has(Role.DISPATCHER);
			case "grid_worker" -> caller.has(Role.GRID_WORKER);
			default -> false;
		};
		if (may) {
			return step.role();
		}
		return caller.isAdmin() ? "admin" : null;
	}

	/**
	 * Takes a step as the caller. An incident outside their regions is answered as not
	 * found, like one that does not exist.
	 */
	Mono<Void> act(long id, ActionRequest request, Caller caller) {
		Workflow step = request.checked();
		// The report time from incident_key, bound, reads one monthly partition (V10).
		Mono<Void> work = IncidentQueries.key(this.db, id, null)
			.flatMap((key) -> this.db
				.sql("SELECT status, version, satisfaction, grid_code FROM incident "
						+ "WHERE id = :id AND reported_at = :reportedAt FOR UPDATE")
				.bind("id", id)
				.bind("reportedAt", key.reportedAt())
				.map((row, meta) -> new Current(row.get("status", String.class), row.get("version", Integer.class),
						row.get("satisfaction", Short.class), key.reportedAt(), row.get("grid_code", String.class)))
				.one())
			.filter((current) -> caller.covers(current.gridCode()))
			.switchIfEmpty(Mono.error(() -> IncidentProblem.notFound(String.valueOf(id))))
			.flatMap((current) -> {
				if (!step.allowedFrom(current.status()) || (step == Workflow.RATE && current.satisfaction() != null)) {
					throw IncidentProblem.transitionNotAllowed(id, step.action(),
							current.status() + ((step == Workflow.RATE) ? " and already rated" : ""));
				}
				String role = actingRole(step, caller);
				if (role == null) {
					throw IncidentProblem.roleNotAllowed(step.action(),
							String.join(",", caller.roles().stream().map(Role::name).sorted().toList()), step.role());
				}
				return checkDepartment(request).then(transition(id, step, request, current))
					.then(event(id, step, request, current.status(), caller.name(), role));
			});
		return this.transaction.transactional(work);
	}

	private Mono<Void> checkDepartment(ActionRequest request) {
		if (request.department() == null) {
			return Mono.empty();
		}
		return this.db.sql("SELECT 1 FROM department WHERE code = :code")
			.bind("code", request.department())
			.map((row, meta) -> 1)
			.one()
			.switchIfEmpty(Mono.error(() -> IncidentProblem.invalid("department",
					"Unknown department '" + IncidentProblem.abbreviate(request.department()) + "'")))
			.then();
	}

	private Mono<Void> transition(long id, Workflow step, ActionRequest request, Current current) {
		GenericExecuteSpec spec = this.db.sql(TRANSITION)
			.bind("id", id)
			.bind("version", current.version())
			.bind("reportedAt", current.reportedAt())
			.bind("to", step.to());
		spec = bindOrNull(spec, "department", request.department(), String.class);
		spec = bindOrNull(spec, "reason", (step == Workflow.REJECT) ? request.reason() : null, String.class);
		spec = bindOrNull(spec, "duplicateOf", (step == Workflow.REJECT) ? request.duplicateOf() : null, Long.class);
		spec = bindOrNull(spec, "rating", (step == Workflow.RATE) ? request.rating().shortValue() : null, Short.class);
		spec = bindOrNull(spec, "ratingNote", (step == Workflow.RATE) ? request.note() : null, String.class);
		return spec.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 1) ? Mono.empty() : Mono.error(IncidentProblem.concurrentChange(id)));
	}

	private Mono<Void> event(long id, Workflow step, ActionRequest request, String from, String actor, String role) {
		GenericExecuteSpec spec = this.db.sql(EVENT)
			.bind("id", id)
			.bind("action", step.action())
			.bind("fromStatus", from)
			.bind("toStatus", step.to())
			.bind("actor", actor)
			.bind("role", role);
		spec = bindOrNull(spec, "note", request.note(), String.class);
		String details = null;
		if (step == Workflow.DISPATCH && request.department() != null) {
			details = "{\"department\":" + org.gridmap.geo.JsonText.quote(request.department()) + "}";
		}
		else if (step == Workflow.REJECT) {
			details = "{\"reason\":" + org.gridmap.geo.JsonText.quote(request.reason())
					+ ((request.duplicateOf() != null) ? ",\"duplicateOf\":" + request.duplicateOf() : "") + "}";
		}
		else if (step == Workflow.RATE) {
			details = "{\"rating\":" + request.rating() + "}";
		}
		spec = bindOrNull(spec, "details", details, String.class);
		return spec.then();
	}

	private static <T> GenericExecuteSpec bindOrNull(GenericExecuteSpec spec, String name, T value, Class<T> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

	private record Current(String status, int version, Short satisfaction, OffsetDateTime reportedAt, String gridCode) {
	}

}
