package org.gridmap.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.gridmap.geo.InputCrs;
import org.locationtech.jts.geom.Geometry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * What other features may do with draft plans, without reaching into this package: read a
 * draft's grids, add changes (given as the same JSON objects {@code POST …/changes}
 * takes, read by the same strict reader, all in one transaction under {@code If-Match}),
 * and get the validation report. The grid-file import and the draft export use it.
 */
@Component
public class PlanDrafts {

	private final Plans plans;

	PlanDrafts(Plans plans) {
		this.plans = plans;
	}

	/** A draft grid as {@code GET /api/v1/plans/{id}/grids} shows it. */
	public record Grid(String key, String code, String plannedCode, String community, String name, String type,
			int households, int population, String state, Geometry geometry) {
	}

	/** A draft plan and its derived grids. */
	public record View(long planId, int version, String etag, String name, String parentCode, LocalDate effectiveDate,
			List<String> communities, List<Grid> grids) {
	}

	/**
	 * The draft of a plan that is a draft (404, 409 {@code plan-not-draft} otherwise).
	 */
	public Mono<View> draft(long id) {
		return workspace(id).map((workspace) -> {
			Draft draft = workspace.draft();
			List<Grid> grids = new ArrayList<>();
			for (DraftGrid grid : draft.grids.values()) {
				grids.add(new Grid(grid.key, grid.code, grid.plannedCode, grid.community, grid.name, grid.type,
						grid.finalHouseholds(), grid.finalPopulation(draft.populationPerHousehold(grid)), grid.state(),
						grid.geometry));
			}
			Plan plan = workspace.plan();
			return new View(plan.id(), plan.version(), plan.etag(), plan.name(), plan.parentCode(),
					plan.effectiveDate(), draft.communities.stream().map(Community::code).toList(), grids);
		});
	}

	/**
	 * Adds changes to a draft, all or none, as one write (the plan's version goes up by
	 * one). Each change is a JSON object as in a batch of {@code POST …/changes}, in WGS
	 * 84, without author.
	 * @return {@code {"plan": …, "changes": [...]}} as {@code POST …/changes} answers
	 */
	public Mono<ObjectNode> addChanges(long id, String ifMatch, String author, String note, List<ObjectNode> changes) {
		List<Change> read = new ArrayList<>(changes.size());
		for (int i = 0; i < changes.size(); i++) {
			read.add(Change.read(changes.get(i), "/changes/" + i, this.plans.input(), InputCrs.WGS84));
		}
		// the signed-in user is the author; the given one only without a sign-in
		return Plans.author(author).flatMap((who) -> {
			List<Plans.Incoming> incoming = new ArrayList<>(read.size());
			read.forEach((change) -> incoming.add(new Plans.Incoming(change, who, note)));
			return this.plans.addChanges(id, ifMatch, incoming);
		});
	}

	/** The validation report of a draft, as {@code GET …/validation} answers. */
	public Mono<ObjectNode> validation(long id) {
		return workspace(id).map((workspace) -> Plans.validationReport(workspace, this.plans.validate(workspace),
				this.plans.settings()));
	}

	/** Checks {@code If-Match} against the plan without writing (412/428 as a write). */
	public Mono<Void> checkPrecondition(long id, String ifMatch) {
		return this.plans.get(id).doOnNext((plan) -> Plans.checkPrecondition(plan, ifMatch)).then();
	}

	private Mono<Plans.Workspace> workspace(long id) {
		return this.plans.get(id).flatMap((plan) -> {
			if (!plan.isDraft()) {
				return Mono.error(PlanProblem.notDraft(id, plan.status()));
			}
			return this.plans.derive(plan, plan.effectiveInstant(Instant.now(), this.plans.settings().zone));
		});
	}

}
