package org.gridmap.gridfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.gridmap.plan.PlanDrafts;
import org.locationtech.jts.geom.Geometry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Turns a grid file into changes of a draft plan, never into live data. Grids are matched
 * by code with the draft's grids (their code, or the planned code of a grid the draft
 * created): a different geometry becomes a {@code reshape} (up to 500 grids per change),
 * differing name, type, households or population an {@code attributes} change, a code the
 * draft does not have a {@code create}; with {@code deleteMissing}, draft grids whose
 * code is not in the file are deleted. Geometries equal within 1e-9 degree count as
 * unchanged, so importing an export of the draft changes nothing. Every grid of the file
 * must belong to a community of the plan. Invalid geometries enter with
 * {@code keepInvalid} and show in the validation report. All changes are recorded in one
 * write under {@code If-Match}, or none are.
 */
@Component
class GridImport {

	/** Geometries closer than this (degrees, vertex by vertex) are the same. */
	static final double SAME_GEOMETRY = 1e-9;

	/** Grids per reshape change (the plan's limit). */
	static final int RESHAPE_PORTION = 500;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GridFiles files;

	private final PlanDrafts plans;

	GridImport(GridFiles files, PlanDrafts plans) {
		this.files = files;
		this.plans = plans;
	}

	/** What the import asks for besides the file. */
	record Request(long planId, String ifMatch, String author, String note, String crs, String format,
			boolean deleteMissing) {
	}

	/**
	 * Progress lines: received, parsed, matched, recorded (when something changed), then
	 * done with the validation report. A refusal is an error of the flux (a
	 * {@link GridfileProblem} or the plan's problem), with nothing written.
	 */
	Flux<Progress> run(Upload upload, Request request) {
		long started = System.nanoTime();
		Progress received = Progress.of("received", started).with("bytes", upload.bytes());
		Mono<ParsedFile> parsed = this.plans.checkPrecondition(request.planId(), request.ifMatch())
			.then(Mono
				.fromCallable(() -> this.files.read(upload.file(), upload.filename(), request.format(), request.crs()))
				.subscribeOn(Schedulers.boundedElastic()))
			.cache();
		Mono<Matched> matched = parsed
			.flatMap((file) -> this.plans.draft(request.planId()).map((draft) -> match(file, draft, request)))
			.cache();
		Mono<Progress> recorded = matched.flatMap((m) -> {
			if (m.changes().isEmpty()) {
				return Mono.just(Progress.of("recorded", started).with("changes", 0));
			}
			return this.plans
				.addChanges(request.planId(), request.ifMatch(), request.author(),
						(request.note() != null) ? request.note() : "Imported from a " + m.file().format() + " file",
						m.changes())
				.map((result) -> Progress.of("recorded", started)
					.with("changes", result.get("changes").size())
					.with("plan", result.get("plan")));
		}).cache();
		Mono<Progress> done = recorded.zipWith(matched)
			.flatMap((loaded) -> this.plans.validation(request.planId()).map((report) -> {
				Progress last = Progress.of("done", started);
				last.body().set("plan", loaded.getT1().body().get("plan"));
				last.body().set("import", loaded.getT2().summary());
				last.body().set("validation", report);
				return last;
			}));
		return Flux.concat(Mono.just(received),
				parsed.map((file) -> Progress.of("parsed", started)
					.with("format", file.format())
					.with("crs", file.crs())
					.with("features", file.grids().size())
					.with("vertices", file.vertices())
					.with("invalid", file.invalid().size())),
				matched.map((m) -> Progress.of("matched", started).with("summary", m.summary())), recorded, done);
	}

	private Matched match(ParsedFile file, PlanDrafts.View draft, Request request) {
		Set<String> communities = new HashSet<>(draft.communities());
		Map<String, PlanDrafts.Grid> byCode = new LinkedHashMap<>();
		for (PlanDrafts.Grid grid : draft.grids()) {
			String code = (grid.code() != null) ? grid.code() : grid.plannedCode();
			if (code != null) {
				byCode.put(code, grid);
			}
		}
		List<ObjectNode> changes = new ArrayList<>();
		List<ObjectNode> reshapes = new ArrayList<>();
		int attributes = 0;
		int created = 0;
		int unchanged = 0;
		Set<String> inFile = new HashSet<>();
		for (GridRecord grid : file.grids()) {
			if (!communities.contains(grid.parentCode())) {
				throw GridfileProblem
					.feature(grid.feature(),
							"grid " + grid.code() + " belongs to community " + grid.parentCode()
									+ ", which is not in plan " + draft.planId() + " (" + draft.parentCode() + ": "
									+ String.join(", ", draft.communities()) + ").")
					.with("code", grid.code());
			}
			inFile.add(grid.code());
			PlanDrafts.Grid existing = byCode.get(grid.code());
			if (existing == null) {
				ObjectNode create = JSON.createObjectNode().put("kind", "create").put("keepInvalid", true);
				ObjectNode body = create.putObject("grid");
				body.put("code", grid.code());
				body.put("name", (grid.name() != null) ? grid.name() : grid.code());
				body.put("type", (grid.type() != null) ? grid.type() : "urban");
				if (grid.households() != null) {
					body.put("households", grid.households());
				}
				if (grid.population() != null) {
					body.put("population", grid.population());
				}
				body.set("geometry", geometry(grid.geometry()));
				changes.add(create);
				created++;
				continue;
			}
			boolean same = true;
			if (!sameGeometry(grid.geometry(), existing.geometry())) {
				ObjectNode item = JSON.createObjectNode().put("grid", existing.key());
				item.set("geometry", geometry(grid.geometry()));
				reshapes.add(item);
				same = false;
			}
			ObjectNode set = JSON.createObjectNode();
			if (grid.name() != null && !grid.name().equals(existing.name())) {
				set.put("name", grid.name());
			}
			if (grid.type() != null && !grid.type().equals(existing.type())) {
				set.put("type", grid.type());
			}
			if (grid.households() != null && grid.households() != existing.households()) {
				set.put("households", grid.households());
			}
			if (grid.population() != null && grid.population() != existing.population()) {
				set.put("population", grid.population());
			}
			if (!set.isEmpty()) {
				ObjectNode change = JSON.createObjectNode().put("kind", "attributes").put("grid", existing.key());
				change.set("set", set);
				changes.add(change);
				attributes++;
				same = false;
			}
			unchanged += same ? 1 : 0;
		}
		for (int i = 0; i < reshapes.size(); i += RESHAPE_PORTION) {
			ObjectNode reshape = JSON.createObjectNode().put("kind", "reshape").put("keepInvalid", true);
			ArrayNode grids = reshape.putArray("grids");
			reshapes.subList(i, Math.min(reshapes.size(), i + RESHAPE_PORTION)).forEach(grids::add);
			// Geometry first: attribute edits of the same grids then apply to the new
			// shape.
			changes.add(i / RESHAPE_PORTION, reshape);
		}
		int deleted = 0;
		if (request.deleteMissing()) {
			for (Map.Entry<String, PlanDrafts.Grid> e : byCode.entrySet()) {
				if (!inFile.contains(e.getKey())) {
					changes.add(JSON.createObjectNode().put("kind", "delete").put("grid", e.getValue().key()));
					deleted++;
				}
			}
		}
		ObjectNode summary = JSON.createObjectNode();
		summary.put("format", file.format());
		summary.put("crs", file.crs());
		summary.put("declaredCrs", file.declared());
		summary.put("features", file.grids().size());
		summary.put("reshaped", reshapes.size());
		summary.put("attributesChanged", attributes);
		summary.put("created", created);
		summary.put("deleted", deleted);
		summary.put("unchanged", unchanged);
		summary.set("invalid", JSON.valueToTree(file.invalid()));
		summary.set("notes", JSON.valueToTree(file.notes()));
		return new Matched(file, changes, summary);
	}

	static boolean sameGeometry(Geometry a, Geometry b) {
		Geometry x = (a.getNumGeometries() == 1) ? a.getGeometryN(0) : a;
		Geometry y = (b.getNumGeometries() == 1) ? b.getGeometryN(0) : b;
		return Objects.equals(x.getGeometryType(), y.getGeometryType())
				&& x.norm().equalsExact(y.norm(), SAME_GEOMETRY);
	}

	private static JsonNode geometry(Geometry geometry) {
		return JSON.valueToTree(GeoJsonGeometry.of(geometry));
	}

	private record Matched(ParsedFile file, List<ObjectNode> changes, ObjectNode summary) {
	}

	/**
	 * One progress line: the phase, seconds since the upload was received, and details.
	 */
	record Progress(ObjectNode body) {

		static Progress of(String phase, long started) {
			ObjectNode body = JSON.createObjectNode().put("phase", phase);
			body.put("seconds", Math.round((System.nanoTime() - started) / 1e6) / 1e3);
			return new Progress(body);
		}

		Progress with(String name, Object value) {
			this.body.set(name, JSON.valueToTree(value));
			return this;
		}

	}

}
