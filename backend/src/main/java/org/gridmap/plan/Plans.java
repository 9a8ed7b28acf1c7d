package org.gridmap.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.gridmap.geo.InputCrs;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.gridmap.security.Caller;
import org.gridmap.security.SecurityProblem;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What planners do with plans: create, edit, add and undo changes, discard, and derive
 * the draft with its validation and impact. Every write runs in one transaction under the
 * plan row's lock and checks {@code If-Match} against the plan's version before touching
 * anything, so a stale write changes nothing. Publishing is {@link PlanPublisher}.
 */
@Component
class Plans {

	static final Set<String> GRID_KINDS = Set.of("reshape", "split", "merge", "create", "delete", "attributes",
			"staff");

	/** Stored changes were checked on entry; only their structure is read again. */
	private static final GeoJsonInput STORED = new GeoJsonInput(64, Integer.MAX_VALUE);

	private final PlanRepository repository;

	private final TransactionalOperator transaction;

	private final PlanSettings settings;

	private final GeoJsonInput input;

	private final JsonMapper json = JsonMapper.builder().build();

	Plans(PlanRepository repository, ReactiveTransactionManager transactions, PlanSettings settings) {
		this.repository = repository;
		this.transaction = TransactionalOperator.create(transactions);
		this.settings = settings;
		this.input = new GeoJsonInput(settings.maxNesting, settings.maxVertices);
	}

	GeoJsonInput input() {
		return this.input;
	}

	PlanSettings settings() {
		return this.settings;
	}

	// ---- reading

	/**
	 * A plan, when the signed-in user's regions cover its street or community (403
	 * otherwise). Without a signed-in user (the activation job) there is nothing to
	 * check: the filter chain lets no one reach plans unsigned.
	 */
	Mono<Plan> get(long id) {
		return this.repository.plan(id)
			.switchIfEmpty(Mono.error(() -> PlanProblem.planNotFound(id)))
			.flatMap(Plans::inRegions);
	}

	static Mono<Plan> inRegions(Plan plan) {
		return Caller.current()
			.flatMap((caller) -> caller.covers(plan.parentCode()) ? Mono.just(plan)
					: Mono.<Plan>error(
							SecurityProblem.outsideRegions("Plan " + plan.id() + " (area " + plan.parentCode() + ")")))
			.defaultIfEmpty(plan);
	}

	/** The signed-in user's name, who is the author of every write; else the body's. */
	static Mono<String> author(String fallback) {
		return Caller.current().map(Caller::name).defaultIfEmpty((fallback != null) ? fallback : "");
	}

	/** The plans of the signed-in user's regions. */
	reactor.core.publisher.Flux<Plan> list(String status, String parent) {
		return Caller.required()
			.flatMapMany((caller) -> this.repository.plans(null, status, parent)
				.filter((plan) -> caller.covers(plan.parentCode())));
	}

	Mono<Map<Long, String>> addressTexts(List<Long> ids) {
		return this.repository.addressTexts(ids);
	}

	Mono<List<PlanRepository.Entry>> entries(long id) {
		return this.repository.entries(id);
	}

	Mono<ObjectNode> document(Plan plan) {
		return this.repository.communities(plan.parentCode(), Instant.now())
			.map((communities) -> plan.toJson(communities.stream().map(Community::code).toList()));
	}

	/** A draft derived for reading: the base grids at the plan's effective instant. */
	record Workspace(Plan plan, Instant at, Draft draft, Measure measure, List<PlanRepository.Entry> entries,
			Map<String, Validation.CodeHistory> codes, Impact.Counts counts, Envelope box) {
	}

	/**
	 * Derives the draft of a plan: base grids at {@code at}, the log replayed (changes
	 * the base no longer allows are recorded as failures), codes planned, address points
	 * counted. The independent reads run side by side (on one connection inside a
	 * transaction, where the driver queues them).
	 */
	Mono<Workspace> derive(Plan plan, Instant at) {
		return this.repository.communities(plan.parentCode(), at).flatMap((communities) -> {
			if (communities.isEmpty()) {
				return Mono.error(PlanProblem.notApplicable(plan.id(),
						"the plan's parent " + plan.parentCode() + " has no communities at " + at));
			}
			List<String> codes = communities.stream().map(Community::code).toList();
			// Addresses outside the communities are not counted, so their box is enough.
			Envelope box = new Envelope();
			communities.forEach((c) -> box.expandToInclude(c.geometry().getEnvelopeInternal()));
			return Mono
				.zip(this.repository.baseGrids(codes, at), this.repository.entries(plan.id()),
						this.repository.highestSequences(codes), this.repository.addresses(box))
				.flatMap((loaded) -> {
					Draft draft = new Draft(communities, loaded.getT1());
					List<PlanRepository.Entry> entries = loaded.getT2();
					replay(draft, entries, null);
					draft.planCodes(loaded.getT3());
					return finish(plan, at, draft, entries, loaded.getT4(), box);
				});
		});
	}

	private Mono<Workspace> finish(Plan plan, Instant at, Draft draft, List<PlanRepository.Entry> entries,
			List<Impact.AddressPoint> addresses, Envelope box) {
		List<String> given = draft.grids.values()
			.stream()
			.filter((g) -> g.base == null && g.code != null)
			.map((g) -> g.code)
			.toList();
		Geometry area = OverlayNGRobust.union(draft.communities.stream().map(Community::geometry).toList());
		PreparedGeometry inside = PreparedGeometryFactory.prepare(area);
		List<Impact.AddressPoint> points = addresses.stream().filter((a) -> inside.covers(a.point())).toList();
		Impact.Counts counts = Impact.count(draft, points);
		Measure measure = Measure.at(box.centre().y);
		return this.repository.codeHistory(given, at)
			.map((history) -> new Workspace(plan, at, draft, measure, entries, history, counts, box));
	}

	/** Replays a plan's log on a draft, without the changes undone (or {@code skip}). */
	void replay(Draft draft, List<PlanRepository.Entry> entries, Integer skip) {
		Set<Integer> undone = undone(entries);
		for (PlanRepository.Entry entry : entries) {
			if (GRID_KINDS.contains(entry.kind()) && !undone.contains(entry.seq())
					&& !Integer.valueOf(entry.seq()).equals(skip)) {
				draft.applyLeniently(entry.seq(), stored(entry));
			}
		}
	}

	private Change stored(PlanRepository.Entry entry) {
		ObjectNode body = (ObjectNode) this.json.readTree(entry.body());
		body.put("kind", entry.kind());
		body.put("keepInvalid", true);
		return Change.read(body, "", STORED, InputCrs.WGS84);
	}

	private Set<Integer> undone(List<PlanRepository.Entry> entries) {
		Set<Integer> undone = new HashSet<>();
		for (PlanRepository.Entry entry : entries) {
			if ("undo".equals(entry.kind())) {
				undone.add(this.json.readTree(entry.body()).get("seq").asInt());
			}
		}
		return undone;
	}

	List<Validation.Problem> validate(Workspace workspace) {
		return Validation.run(workspace.draft(), this.settings, workspace.measure(), workspace.codes());
	}

	Mono<List<Impact.OpenIncident>> openIncidents(Workspace workspace) {
		return this.repository.openIncidents(workspace.box()).map((incidents) -> {
			List<Community> communities = workspace.draft().communities;
			return incidents.stream()
				.filter((i) -> communities.stream().anyMatch((c) -> c.prepared().covers(i.point())))
				.toList();
		});
	}

	// ---- writing

	/**
	 * Runs a write to a draft plan in one transaction under its row lock, after checking
	 * {@code If-Match}: {@code 428} without it, {@code 412} when stale (nothing changed).
	 */
	<T> Mono<T> write(long id, String ifMatch, Function<Plan, Mono<T>> work) {
		Mono<T> flow = this.repository.lock(id)
			.switchIfEmpty(Mono.error(() -> PlanProblem.planNotFound(id)))
			.then(this.repository.plan(id))
			.flatMap(Plans::inRegions)
			.flatMap((plan) -> {
				checkPrecondition(plan, ifMatch);
				if (!plan.isDraft()) {
					return Mono.error(PlanProblem.notDraft(id, plan.status()));
				}
				return work.apply(plan);
			});
		return this.transaction.transactional(flow);
	}

	static void checkPrecondition(Plan plan, String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			throw PlanProblem.preconditionRequired(plan.id(), plan.etag());
		}
		for (String tag : ifMatch.split(",")) {
			if (tag.strip().equals(plan.etag())) {
				return;
			}
		}
		throw PlanProblem.preconditionFailed(plan.id(), plan.etag());
	}

	Mono<Plan> create(JsonNode body) {
		if (!body.isObject()) {
			throw PlanProblem.invalid("body", "", "A plan is a JSON object {name, parent, effectiveDate, author}");
		}
		String name = Fields.text(body, "name", "", 1, 200, true);
		String parent = Fields.text(body, "parent", "", 9, 12, true);
		if (!parent.matches("^[0-9]{9}([0-9]{3})?$")) {
			throw PlanProblem.invalid("parent", "/parent",
					"'parent' is a street code (9 digits) or a community code (12 digits), got '"
							+ PlanProblem.abbreviate(parent) + "'");
		}
		LocalDate effective = effectiveDate(body, true);
		String author = Fields.author(body, "");
		ObjectNode audit = GeoJsonOutput.NODES.objectNode()
			.put("name", name)
			.put("parent", parent)
			.put("effectiveDate", effective.toString());
		return Caller.current()
			.filter((caller) -> !caller.covers(parent))
			.flatMap((caller) -> Mono.error(SecurityProblem.outsideRegions("Area " + parent)))
			.then(this.repository.parent(parent, Instant.now()))
			.switchIfEmpty(Mono.error(() -> PlanProblem.invalid("parent", "/parent",
					"There is no street or community " + parent + " now")))
			.flatMap((area) -> this.transaction
				.transactional(this.repository.insert(name, parent, effective, author, audit.toString())))
			.flatMap(this::get);
	}

	Mono<Plan> edit(long id, String ifMatch, JsonNode body) {
		if (!body.isObject()) {
			throw PlanProblem.invalid("body", "", "A plan edit is a JSON object {author, name?, effectiveDate?}");
		}
		String author = Fields.author(body, "");
		String name = Fields.text(body, "name", "", 1, 200, false);
		LocalDate effective = effectiveDate(body, false);
		if (name == null && effective == null) {
			throw PlanProblem.invalid("body", "", "Nothing to change: give 'name' or 'effectiveDate'");
		}
		ObjectNode audit = GeoJsonOutput.NODES.objectNode();
		if (name != null) {
			audit.put("name", name);
		}
		if (effective != null) {
			audit.put("effectiveDate", effective.toString());
		}
		return write(
				id, ifMatch, (
						plan) -> this.repository
							.append(id,
									List.of(new PlanRepository.NewEntry("plan", author, null, List.of(), Map.of(),
											audit)))
							.then(this.repository.bump(id, author, name, effective)))
			.then(get(id));
	}

	Mono<Plan> discard(long id, String ifMatch, String author) {
		return write(id, ifMatch,
				(plan) -> this.repository
					.append(id,
							List.of(new PlanRepository.NewEntry("discard", author, null, List.of(), Map.of(),
									GeoJsonOutput.NODES.objectNode())))
					.then(this.repository.db()
						.sql("UPDATE plan SET status = 'discarded', discarded_by = :author, discarded_at = now(), "
								+ "version = version + 1, updated_by = :author, updated_at = now() WHERE id = :id")
						.bind("id", id)
						.bind("author", author)
						.then()))
			.then(get(id));
	}

	/** A change read from a request, with who made it and why. */
	record Incoming(Change change, String author, String note) {
	}

	/**
	 * Reads one change or a batch {@code {author, changes: [...]}} from a request body.
	 */
	List<Incoming> incoming(JsonNode body, InputCrs crs) {
		if (!body.isObject()) {
			throw PlanProblem.invalid("body", "", "A change is a JSON object with 'kind' and 'author'");
		}
		List<Incoming> out = new ArrayList<>();
		if (body.has("changes")) {
			String author = Fields.author(body, "");
			JsonNode changes = body.get("changes");
			if (!changes.isArray() || changes.size() == 0 || changes.size() > this.settings.maxBatch) {
				throw PlanProblem.invalid("changes", "/changes",
						"'changes' must hold 1–" + this.settings.maxBatch + " changes (GRIDMAP_PLAN_MAX_BATCH)");
			}
			for (int i = 0; i < changes.size(); i++) {
				JsonNode node = changes.get(i);
				String pointer = "/changes/" + i;
				Change change = Change.read(node, pointer, this.input, crs);
				String own = Fields.text(node, "author", pointer, 1, 100, false);
				out.add(new Incoming(change, (own != null) ? own : author,
						Fields.text(node, "note", pointer, 0, 2000, false)));
			}
		}
		else {
			Change change = Change.read(body, "", this.input, crs);
			out.add(new Incoming(change, Fields.author(body, ""), Fields.text(body, "note", "", 0, 2000, false)));
		}
		return out;
	}

	/** Adds changes to a draft: all apply and are recorded, or none. */
	Mono<ObjectNode> addChanges(long id, String ifMatch, List<Incoming> changes) {
		return write(id, ifMatch, (plan) -> {
			Instant at = plan.effectiveInstant(Instant.now(), this.settings.zone);
			return this.repository.communities(plan.parentCode(), at).flatMap((communities) -> {
				List<String> codes = communities.stream().map(Community::code).toList();
				return this.repository.baseGrids(codes, at)
					.zipWhen((base) -> this.repository.entries(id))
					.flatMap((loaded) -> {
						Draft draft = new Draft(communities, loaded.getT1());
						List<PlanRepository.Entry> entries = loaded.getT2();
						replay(draft, entries, null);
						int seq = entries.stream().mapToInt(PlanRepository.Entry::seq).max().orElse(0);
						List<PlanRepository.NewEntry> recorded = new ArrayList<>();
						for (int i = 0; i < changes.size(); i++) {
							Incoming incoming = changes.get(i);
							int number = seq + 1 + i;
							try {
								draft.apply(number, incoming.change());
							}
							catch (Draft.NotApplicable ex) {
								throw (PlanProblem) PlanProblem.notApplicable(id, ex.getMessage())
									.with("index", i)
									.with("seq", number);
							}
							recorded.add(new PlanRepository.NewEntry(incoming.change().kind(), incoming.author(),
									incoming.note(), draft.touched.get(number), draft.baseVersions.get(number),
									incoming.change().body()));
						}
						String author = changes.get(changes.size() - 1).author();
						return this.repository.append(id, recorded)
							.flatMap((saved) -> this.repository.bump(id, author, null, null).thenReturn(saved));
					});
			});
		}).flatMap((saved) -> get(id).map((plan) -> result(plan, saved)));
	}

	/** Undoes a grid change, unless a later change needs what it did. */
	Mono<ObjectNode> undo(long id, int seq, String ifMatch, String author) {
		return write(id, ifMatch, (plan) -> {
			Instant at = plan.effectiveInstant(Instant.now(), this.settings.zone);
			return this.repository.communities(plan.parentCode(), at).flatMap((communities) -> {
				List<String> codes = communities.stream().map(Community::code).toList();
				return this.repository.baseGrids(codes, at)
					.zipWhen((base) -> this.repository.entries(id))
					.flatMap((loaded) -> {
						List<PlanRepository.Entry> entries = loaded.getT2();
						PlanRepository.Entry target = entries.stream()
							.filter((e) -> e.seq() == seq)
							.findFirst()
							.orElse(null);
						if (target == null || !GRID_KINDS.contains(target.kind()) || undone(entries).contains(seq)) {
							return Mono.error(PlanProblem.notApplicable(id,
									"entry " + seq + " is not a grid change of this plan that can be undone"));
						}
						Draft with = new Draft(communities, loaded.getT1());
						replay(with, entries, null);
						Draft without = new Draft(communities, loaded.getT1());
						replay(without, entries, seq);
						Set<Integer> failedBefore = new TreeSet<>();
						with.failures.forEach((f) -> failedBefore.add(f.seq()));
						List<String> broken = without.failures.stream()
							.filter((f) -> !failedBefore.contains(f.seq()))
							.map((f) -> f.seq() + " (" + f.kind() + ")")
							.toList();
						if (!broken.isEmpty()) {
							return Mono.error(PlanProblem.notApplicable(id, "undoing change " + seq
									+ " would break later changes that build on it: " + String.join(", ", broken)));
						}
						return this.repository
							.append(id,
									List.of(new PlanRepository.NewEntry("undo", author, null, target.grids(), Map.of(),
											GeoJsonOutput.NODES.objectNode().put("seq", seq))))
							.flatMap((saved) -> this.repository.bump(id, author, null, null).thenReturn(saved));
					});
			});
		}).flatMap((saved) -> get(id).map((plan) -> result(plan, saved)));
	}

	private ObjectNode result(Plan plan, List<PlanRepository.Entry> saved) {
		ObjectNode out = GeoJsonOutput.NODES.objectNode();
		out.set("plan", plan.toJson(null));
		ArrayNode changes = out.putArray("changes");
		saved.forEach((entry) -> changes.add(entryJson(entry, Set.of())));
		return out;
	}

	ObjectNode trail(Plan plan, List<PlanRepository.Entry> entries) {
		ObjectNode out = GeoJsonOutput.NODES.objectNode();
		out.put("planId", plan.id());
		out.put("planVersion", plan.version());
		Set<Integer> undone = undone(entries);
		ArrayNode changes = out.putArray("changes");
		entries.forEach((entry) -> changes.add(entryJson(entry, undone)));
		return out;
	}

	private ObjectNode entryJson(PlanRepository.Entry entry, Set<Integer> undone) {
		ObjectNode out = GeoJsonOutput.NODES.objectNode();
		out.put("seq", entry.seq());
		out.put("kind", entry.kind());
		out.put("author", entry.author());
		out.put("at", (entry.at() != null) ? entry.at().toString() : null);
		out.put("note", entry.note());
		ArrayNode grids = out.putArray("grids");
		entry.grids().forEach(grids::add);
		out.put("undone", undone.contains(entry.seq()));
		out.set("baseVersions", this.json.readTree(entry.baseVersions()));
		out.set("body", this.json.readTree(entry.body()));
		return out;
	}

	private LocalDate effectiveDate(JsonNode body, boolean required) {
		String text = Fields.text(body, "effectiveDate", "", 10, 10, required);
		if (text == null) {
			return null;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw PlanProblem.invalid("effectiveDate", "/effectiveDate",
					"'effectiveDate' is an ISO date such as 2026-07-01, got '" + PlanProblem.abbreviate(text) + "'");
		}
		LocalDate today = LocalDate.now(this.settings.zone);
		if (date.isBefore(today)) {
			throw PlanProblem.invalid("effectiveDate", "/effectiveDate",
					"'effectiveDate' must be today (" + today + ", " + this.settings.zone + ") or later, got " + date);
		}
		return date;
	}

	/** The draft grids as a GeoJSON FeatureCollection. */
	static ObjectNode draftGrids(Workspace workspace, InputCrs crs) {
		Draft draft = workspace.draft();
		ObjectNode out = GeoJsonOutput.NODES.objectNode();
		out.put("type", "FeatureCollection");
		out.put("planId", workspace.plan().id());
		out.put("planVersion", workspace.plan().version());
		out.put("crs", crs.id());
		ArrayNode features = out.putArray("features");
		for (DraftGrid grid : draft.grids.values()) {
			ObjectNode feature = features.addObject();
			feature.put("type", "Feature");
			feature.put("id", grid.key);
			feature.set("geometry", GeoJsonOutput.write(grid.geometry, crs));
			ObjectNode properties = feature.putObject("properties");
			properties.put("key", grid.key);
			properties.put("code", grid.code);
			properties.put("plannedCode", grid.plannedCode);
			properties.put("community", grid.community);
			properties.put("name", grid.name);
			properties.put("type", grid.type);
			properties.put("households", grid.finalHouseholds());
			properties.put("population", grid.finalPopulation(draft.populationPerHousehold(grid)));
			properties.put("hotline", grid.hotline);
			properties.put("duties", grid.duties);
			ArrayNode staff = properties.putArray("staff");
			grid.staff.forEach((s) -> staff.add(s.toJson()));
			properties.put("state", grid.state());
			if (grid.base != null) {
				properties.put("baseVersion", grid.base.version());
			}
			else {
				properties.putNull("baseVersion");
			}
		}
		ArrayNode removed = out.putArray("removed");
		for (Draft.Removed r : draft.removed) {
			removed.addObject()
				.put("key", r.key())
				.put("code", r.code())
				.put("reason", r.reason())
				.put("into", r.into());
		}
		ArrayNode failures = out.putArray("failures");
		for (Draft.Failure f : draft.failures) {
			failures.addObject().put("seq", f.seq()).put("kind", f.kind()).put("message", f.message());
		}
		return out;
	}

	static ObjectNode validationReport(Workspace workspace, List<Validation.Problem> problems, PlanSettings settings) {
		ObjectNode out = GeoJsonOutput.NODES.objectNode();
		out.put("planId", workspace.plan().id());
		out.put("planVersion", workspace.plan().version());
		long errors = problems.stream().filter(Validation.Problem::isError).count();
		out.put("valid", errors == 0);
		out.put("errors", errors);
		out.put("warnings", problems.size() - errors);
		out.putObject("tolerances")
			.put("areaM2", settings.areaToleranceM2)
			.put("edgeMetres", settings.edgeToleranceMetres);
		ArrayNode list = out.putArray("problems");
		problems.forEach((p) -> list.add(p.toJson()));
		return out;
	}

	static Map<String, Long> versions(JsonMapper json, String text) {
		Map<String, Long> out = new LinkedHashMap<>();
		JsonNode node = json.readTree(text);
		for (Map.Entry<String, JsonNode> e : node.properties()) {
			out.put(e.getKey(), e.getValue().asLong());
		}
		return out;
	}

	static OffsetDateTime utc(Instant instant) {
		return PlanRepository.utc(instant);
	}

}
