package org.gridmap.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.gridmap.database.SqlScript;
import org.locationtech.jts.io.WKBWriter;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Publishes a plan atomically: in one transaction, under an advisory lock per street (so
 * two publishes on one street run one after the other and the second sees the first), it
 * re-derives and re-validates the draft against the data as it is now, refuses if the
 * grids its changes were made against have been replaced, closes the old grid and staff
 * versions at the effective instant and opens the new ones, moves addresses and open
 * incidents when the plan takes effect at once, and announces the change with
 * {@code pg_notify} (delivered on commit only). Any refusal rolls everything back.
 */
@Component
class PlanPublisher {

	private static final Log logger = LogFactory.getLog(PlanPublisher.class);

	private static final String LOCK_STREET = SqlScript.load(PlanPublisher.class, "lock-street.sql");

	private static final String LATER = SqlScript.load(PlanPublisher.class, "publish-later.sql");

	private static final String CLOSE_GRIDS = SqlScript.load(PlanPublisher.class, "publish-close-grids.sql");

	private static final String OPEN_GRIDS = SqlScript.load(PlanPublisher.class, "publish-open-grids.sql");

	private static final String CLOSE_STAFF = SqlScript.load(PlanPublisher.class, "publish-close-staff.sql");

	private static final String OPEN_STAFF = SqlScript.load(PlanPublisher.class, "publish-open-staff.sql");

	private static final String MARK = SqlScript.load(PlanPublisher.class, "publish-mark.sql");

	private static final String APPLY = SqlScript.load(PlanPublisher.class, "apply.sql");

	private static final String APPLY_INCIDENTS = SqlScript.load(PlanPublisher.class, "apply-incidents.sql");

	private static final String APPLY_QUIET = SqlScript.load(PlanPublisher.class, "apply-quiet.sql");

	private static final String APPLY_SUMMARY = SqlScript.load(PlanPublisher.class, "apply-summary.sql");

	private static final String APPLIED = SqlScript.load(PlanPublisher.class, "applied.sql");

	private static final String NOTIFY = SqlScript.load(PlanPublisher.class, "notify.sql");

	private static final String DUE = SqlScript.load(PlanPublisher.class, "activation-due.sql");

	private final Plans plans;

	private final PlanRepository repository;

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final JsonMapper json = JsonMapper.builder().build();

	PlanPublisher(Plans plans, PlanRepository repository, ReactiveTransactionManager transactions) {
		this.plans = plans;
		this.repository = repository;
		this.db = repository.db();
		this.transaction = TransactionalOperator.create(transactions);
	}

	Mono<ObjectNode> publish(long id, String ifMatch, String author) {
		Mono<ObjectNode> flow = this.plans.get(id)
			.flatMap((first) -> this.db.sql(LOCK_STREET).bind("street", first.streetCode()).then())
			.then(this.repository.lock(id))
			.then(this.repository.plan(id))
			.flatMap((plan) -> {
				Plans.checkPrecondition(plan, ifMatch);
				if (!plan.isDraft()) {
					return Mono.error(PlanProblem.notDraft(id, plan.status()));
				}
				return clock().flatMap((now) -> publish(plan, now, author));
			});
		return this.transaction.transactional(flow).flatMap((result) -> this.plans.get(id).map((plan) -> {
			ObjectNode out = GeoJsonOutput.NODES.objectNode();
			out.set("plan", plan.toJson(null));
			out.set("result", result);
			return out;
		}));
	}

	/** The instant now, read after the lock: publishes queued behind ours come later. */
	private Mono<Instant> clock() {
		return this.db.sql("SELECT clock_timestamp() AS now")
			.map((row, meta) -> row.get("now", OffsetDateTime.class).toInstant())
			.one();
	}

	private Mono<ObjectNode> publish(Plan plan, Instant now, String author) {
		LocalDate today = LocalDate.ofInstant(now, this.plans.settings().zone);
		if (plan.effectiveDate().isBefore(today)) {
			return Mono
				.error(PlanProblem.effectiveDatePassed(plan.id(), plan.effectiveDate().toString(), today.toString()));
		}
		Instant at = plan.effectiveInstant(now, this.plans.settings().zone);
		return this.plans.derive(plan, at).flatMap((workspace) -> {
			Draft draft = workspace.draft();
			List<String> stale = stale(workspace);
			if (!stale.isEmpty()) {
				return Mono.error(PlanProblem.staleBase(plan.id(), stale));
			}
			List<String> communities = draft.communities.stream().map(Community::code).toList();
			return this.db.sql(LATER)
				.bind("communities", communities.toArray(String[]::new))
				.bind("at", Plans.utc(at))
				.map((row, meta) -> row.get(0, String.class))
				.all()
				.collectList()
				.flatMap((later) -> {
					if (!later.isEmpty()) {
						return Mono.error(PlanProblem.laterChangeScheduled(plan.id(), later));
					}
					List<Validation.Problem> problems = this.plans.validate(workspace);
					List<ObjectNode> errors = problems.stream()
						.filter(Validation.Problem::isError)
						.map(Validation.Problem::toJson)
						.toList();
					if (!errors.isEmpty()) {
						return Mono.error(PlanProblem.invalidPlan(plan.id(), errors.size(),
								problems.stream().map(Validation.Problem::toJson).toList()));
					}
					return write(plan, workspace, at, now, author);
				});
		});
	}

	/** Codes whose base version a change recorded and that has been replaced since. */
	private List<String> stale(Plans.Workspace workspace) {
		Set<String> stale = new LinkedHashSet<>();
		Set<Integer> undone = new java.util.HashSet<>();
		for (PlanRepository.Entry entry : workspace.entries()) {
			if ("undo".equals(entry.kind())) {
				undone.add(this.json.readTree(entry.body()).get("seq").asInt());
			}
		}
		for (PlanRepository.Entry entry : workspace.entries()) {
			if (!Plans.GRID_KINDS.contains(entry.kind()) || undone.contains(entry.seq())) {
				continue;
			}
			Plans.versions(this.json, entry.baseVersions()).forEach((code, version) -> {
				BaseGrid now = workspace.draft().base.get(code);
				if (now == null || now.version() != version) {
					stale.add(code);
				}
			});
		}
		return List.copyOf(stale);
	}

	private Mono<ObjectNode> write(Plan plan, Plans.Workspace workspace, Instant at, Instant now, String author) {
		Draft draft = workspace.draft();
		List<Long> close = new ArrayList<>();
		List<DraftGrid> open = new ArrayList<>();
		Set<String> staffCodes = new LinkedHashSet<>();
		List<DraftGrid> staffed = new ArrayList<>();
		for (DraftGrid grid : draft.grids.values()) {
			if (grid.needsNewRow()) {
				open.add(grid);
				if (grid.base != null) {
					close.add(grid.base.version());
				}
			}
			if (grid.staffChanged || (grid.base == null && !grid.staff.isEmpty())) {
				staffCodes.add(grid.plannedCode);
				staffed.add(grid);
			}
		}
		for (Draft.Removed removed : draft.removed) {
			close.add(draft.base.get(removed.code()).version());
			staffCodes.add(removed.code());
		}
		boolean immediate = !at.isAfter(now);
		ObjectNode result = GeoJsonOutput.NODES.objectNode();
		result.put("effectiveAt", at.toString());
		result.put("gridsClosed", close.size());
		result.put("gridsOpened", open.size());
		ObjectNode codes = result.putObject("codes");
		open.stream().filter((g) -> g.base == null).forEach((g) -> codes.put(g.key, g.plannedCode));
		result.put("staffMoved", draft.staffMoves.size());
		return this.db.sql(CLOSE_GRIDS)
			.bind("ids", close.toArray(Long[]::new))
			.bind("at", Plans.utc(at))
			.bind("plan", plan.id())
			.fetch()
			.rowsUpdated()
			.flatMap((closed) -> {
				if (closed != close.size()) {
					return Mono.error(PlanProblem.laterChangeScheduled(plan.id(),
							draft.grids.values().stream().filter(DraftGrid::needsNewRow).map((g) -> g.key).toList()));
				}
				return openGrids(plan, open, at, draft);
			})
			.then(this.db.sql(CLOSE_STAFF)
				.bind("codes", staffCodes.toArray(String[]::new))
				.bind("at", Plans.utc(at))
				.bind("plan", plan.id())
				.then())
			.then(openStaff(plan, staffed, at))
			.then(this.db.sql(MARK)
				.bind("plan", plan.id())
				.bind("author", author)
				.bind("now", Plans.utc(now))
				.bind("at", Plans.utc(at))
				.then())
			.then(immediate ? apply(plan.id(), author) : Mono.just(new long[] { 0, 0 }))
			.flatMap((moved) -> {
				result.put("addressesMoved", moved[0]);
				result.put("incidentsMoved", moved[1]);
				result.put("applied", immediate);
				return notify(plan.id(), "published")
					.then(this.repository.append(plan.id(),
							List.of(new PlanRepository.NewEntry("publish", author, null,
									draft.grids.values()
										.stream()
										.filter((g) -> !"unchanged".equals(g.state()))
										.map((g) -> g.plannedCode)
										.toList(),
									Map.of(), result))))
					.then(Mono.fromRunnable(() -> logger.info("Published plan " + plan.id() + " on " + plan.parentCode()
							+ " effective " + at + ": " + result)))
					.thenReturn(result);
			});
	}

	private Mono<Void> openGrids(Plan plan, List<DraftGrid> open, Instant at, Draft draft) {
		int n = open.size();
		String[] code = new String[n];
		String[] name = new String[n];
		String[] type = new String[n];
		Integer[] households = new Integer[n];
		Integer[] population = new Integer[n];
		String[] hotline = new String[n];
		String[] duties = new String[n];
		String[] wkb = new String[n];
		WKBWriter writer = new WKBWriter(2);
		for (int i = 0; i < n; i++) {
			DraftGrid grid = open.get(i);
			code[i] = grid.plannedCode;
			name[i] = grid.name;
			type[i] = grid.type;
			households[i] = grid.finalHouseholds();
			population[i] = grid.finalPopulation(draft.populationPerHousehold(grid));
			hotline[i] = grid.hotline;
			duties[i] = grid.duties;
			wkb[i] = WKBWriter.toHex(writer.write(grid.geometry));
		}
		return this.db.sql(OPEN_GRIDS)
			.bind("code", code)
			.bind("name", name)
			.bind("type", type)
			.bind("households", households)
			.bind("population", population)
			.bind("hotline", hotline)
			.bind("duties", duties)
			.bind("wkb", wkb)
			.bind("at", Plans.utc(at))
			.bind("plan", plan.id())
			.then();
	}

	private Mono<Void> openStaff(Plan plan, List<DraftGrid> staffed, Instant at) {
		List<String> code = new ArrayList<>();
		List<StaffMember> people = new ArrayList<>();
		List<Integer> order = new ArrayList<>();
		for (DraftGrid grid : staffed) {
			for (int i = 0; i < grid.staff.size(); i++) {
				code.add(grid.plannedCode);
				people.add(grid.staff.get(i));
				order.add(i);
			}
		}
		if (code.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql(OPEN_STAFF)
			.bind("code", code.toArray(String[]::new))
			.bind("role", people.stream().map(StaffMember::role).toArray(String[]::new))
			.bind("name", people.stream().map(StaffMember::name).toArray(String[]::new))
			.bind("phone", people.stream().map(StaffMember::phone).toArray(String[]::new))
			.bind("duties", people.stream().map(StaffMember::duties).toArray(String[]::new))
			.bind("sortOrder", order.toArray(Integer[]::new))
			.bind("at", Plans.utc(at))
			.bind("plan", plan.id())
			.then();
	}

	/**
	 * Moves addresses and open incidents to the grids of a plan that is in effect, and
	 * records it.
	 * @return addresses and incidents moved
	 */
	Mono<long[]> apply(long planId, String actor) {
		return this.db.sql(APPLY_QUIET)
			.then()
			.then(this.db.sql(APPLY).bind("plan", planId).map((row, meta) -> row.get("moved", Long.class)).one())
			.zipWhen((addresses) -> this.db.sql(APPLY_INCIDENTS)
				.bind("plan", planId)
				.bind("actor", actor)
				.map((row, meta) -> row.get("moved", Integer.class).longValue())
				.one()
				.defaultIfEmpty(0L))
			.flatMap((moved) -> this.db.sql(APPLY_SUMMARY)
				.bind("plan", planId)
				.bind("addresses", moved.getT1())
				.bind("incidents", moved.getT2())
				.bind("actor", actor)
				.then()
				.thenReturn(moved))
			.flatMap((moved) -> this.db.sql(APPLIED)
				.bind("plan", planId)
				.then()
				.thenReturn(new long[] { moved.getT1(), moved.getT2() }));
	}

	Mono<Void> notify(long planId, String phase) {
		return this.db.sql(NOTIFY).bind("plan", planId).bind("phase", phase).then();
	}

	/**
	 * The activation task's step: applies the next plan that has taken effect, if any, in
	 * one transaction.
	 * @return whether a plan was applied
	 */
	Mono<Boolean> activateNext(Instant now) {
		Mono<Boolean> work = this.db.sql(DUE)
			.bind("now", Plans.utc(now))
			.map((row, meta) -> Map.entry(row.get("id", Long.class), row.get("published_by", String.class)))
			.one()
			.flatMap((due) -> apply(due.getKey(), due.getValue()).flatMap((moved) -> {
				logger.info("Plan " + due.getKey() + " took effect: " + moved[0] + " addresses and " + moved[1]
						+ " open incidents moved");
				return notify(due.getKey(), "activated");
			}).thenReturn(true))
			.defaultIfEmpty(false);
		return this.transaction.transactional(work);
	}

}
