package org.gridmap.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridmap.geo.InputCrs;
import org.gridmap.proposal.Proposal;
import org.gridmap.proposal.Proposals;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /api/v1/plans/{id}/proposal}: proposes grids for one community of a draft
 * plan ({@link Proposals}) and records the proposal as one batch of ordinary changes, so
 * that the planner adjusts it like any other draft (and can undo it change by change).
 * The community's draft grids are matched to the proposed grids by largest overlap: a
 * matched grid is reshaped (keeping its code, attributes and staff), extra proposed grids
 * are created and unmatched draft grids deleted. Vertices that the proposal adds on the
 * community's outline are inserted into the neighbouring communities' grids too, so that
 * shared edges still match vertex for vertex.
 */
@RestController
class PlanProposalController {

	private static final String[] NUMERALS = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

	private final Plans plans;

	private final Proposals proposals;

	PlanProposalController(Plans plans, Proposals proposals) {
		this.plans = plans;
		this.proposals = proposals;
	}

	@PostMapping(path = "/api/v1/plans/{id:\\d{1,18}}/proposal", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ObjectNode>> propose(@PathVariable long id,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, ServerWebExchange exchange) {
		return body(exchange).flatMap((body) -> {
			String author = Fields.author(body, "");
			String note = Fields.text(body, "note", "", 0, 2000, false);
			Proposal.Request request = Proposals.request(body);
			return this.plans.get(id).flatMap((plan) -> {
				// refuse a stale or missing If-Match before the work, not only at the
				// write
				Plans.checkPrecondition(plan, ifMatch);
				if (!plan.isDraft()) {
					return Mono.error(PlanProblem.notDraft(id, plan.status()));
				}
				Instant at = plan.effectiveInstant(Instant.now(), this.plans.settings().zone);
				return this.plans.derive(plan, at).flatMap((workspace) -> {
					if (!workspace.draft().communityByCode.containsKey(request.community())) {
						return Mono.error(PlanProblem.invalid("community", "/community",
								"Community " + request.community() + " is not in plan " + id + " (its communities: "
										+ String.join(", ", workspace.draft().communityByCode.keySet()) + ")"));
					}
					return this.proposals.propose(request, at).flatMap((proposal) -> {
						ObjectNode batch = batch(workspace.draft(), proposal, author, note);
						return this.plans.addChanges(id, ifMatch, this.plans.incoming(batch, InputCrs.WGS84))
							.map((result) -> {
								result.set("proposal", proposal.summary());
								return ResponseEntity.status(HttpStatus.CREATED)
									.eTag(result.get("plan").get("etag").asString())
									.body(result);
							});
					});
				});
			});
		});
	}

	/** The changes that turn the community's draft grids into the proposal. */
	static ObjectNode batch(Draft draft, Proposal proposal, String author, String note) {
		List<DraftGrid> current = draft.grids.values()
			.stream()
			.filter((g) -> proposal.community().equals(g.community))
			.toList();
		List<Proposal.Grid> proposed = proposal.grids();
		record Pair(int grid, int region, double overlap) {
		}
		List<Pair> pairs = new ArrayList<>();
		for (int g = 0; g < current.size(); g++) {
			Geometry shape = current.get(g).geometry;
			for (int r = 0; r < proposed.size(); r++) {
				Geometry region = proposed.get(r).geometry();
				if (shape.getEnvelopeInternal().intersects(region.getEnvelopeInternal())) {
					double overlap = shape.intersection(region).getArea();
					if (overlap > 0) {
						pairs.add(new Pair(g, r, overlap));
					}
				}
			}
		}
		pairs.sort(Comparator.comparingDouble(Pair::overlap).reversed());
		Map<Integer, Integer> regionOfGrid = new LinkedHashMap<>();
		Set<Integer> taken = new HashSet<>();
		for (Pair pair : pairs) {
			if (!regionOfGrid.containsKey(pair.grid()) && !taken.contains(pair.region())) {
				regionOfGrid.put(pair.grid(), pair.region());
				taken.add(pair.region());
			}
		}
		ObjectNode out = GeoJsonOutput.NODES.objectNode();
		out.put("author", author);
		ArrayNode changes = out.putArray("changes");
		for (int g = 0; g < current.size(); g++) {
			if (!regionOfGrid.containsKey(g)) {
				changes.addObject().put("kind", "delete").put("grid", current.get(g).key);
			}
		}
		ObjectNode reshape = GeoJsonOutput.NODES.objectNode().put("kind", "reshape");
		ArrayNode shapes = reshape.putArray("grids");
		regionOfGrid.forEach((g, r) -> shapes.addObject()
			.put("grid", current.get(g).key)
			.set("geometry", Proposal.geometry(proposed.get(r).geometry())));
		neighbourVertices(draft, proposal).forEach(
				(key, geometry) -> shapes.addObject().put("grid", key).set("geometry", GeoJsonOutput.write(geometry)));
		if (!shapes.isEmpty()) {
			changes.add(reshape);
		}
		String communityName = draft.communityByCode.get(proposal.community()).name();
		int number = current.size();
		for (int r = 0; r < proposed.size(); r++) {
			if (taken.contains(r)) {
				continue;
			}
			number++;
			ObjectNode create = changes.addObject().put("kind", "create");
			create.putObject("grid")
				.put("name", communityName + "第" + numeral(number) + "网格")
				.put("type", proposal.gridType())
				.set("geometry", Proposal.geometry(proposed.get(r).geometry()));
		}
		for (JsonNode change : changes) {
			((ObjectNode) change).put("note",
					(note != null) ? note
							: "Proposed grids for " + proposal.community() + " (" + proposal.request().target()
									+ " households, " + proposal.request().min() + "–" + proposal.request().max()
									+ ")");
		}
		return out;
	}

	/**
	 * Grids of other communities with the proposal's new outline vertices inserted where
	 * they lie on their edges.
	 */
	private static Map<String, Geometry> neighbourVertices(Draft draft, Proposal proposal) {
		Geometry outline = draft.communityByCode.get(proposal.community()).geometry();
		Set<Coordinate> existing = new HashSet<>(List.of(outline.getCoordinates()));
		Geometry boundary = outline.getBoundary();
		Map<String, Geometry> changed = new LinkedHashMap<>();
		for (Proposal.Grid grid : proposal.grids()) {
			for (Coordinate c : grid.geometry().getCoordinates()) {
				if (existing.contains(c) || boundary.distance(outline.getFactory().createPoint(c)) > Draft.ON_EDGE) {
					continue;
				}
				existing.add(c);
				Envelope around = new Envelope(c);
				around.expandBy(Draft.ON_EDGE);
				for (DraftGrid other : draft.grids.values()) {
					if (proposal.community().equals(other.community)) {
						continue;
					}
					Geometry shape = changed.getOrDefault(other.key, other.geometry);
					if (!shape.getEnvelopeInternal().intersects(around)) {
						continue;
					}
					Geometry inserted = Draft.withVertex(shape, c);
					if (inserted != null) {
						changed.put(other.key, inserted);
					}
				}
			}
		}
		return changed;
	}

	/** 1–99 as Chinese numerals (八, 十二, 二十), as the demo grids are named. */
	static String numeral(int n) {
		if (n < 10) {
			return NUMERALS[n];
		}
		if (n >= 100) {
			return Integer.toString(n);
		}
		return ((n / 10 > 1) ? NUMERALS[n / 10] : "") + "十" + ((n % 10 > 0) ? NUMERALS[n % 10] : "");
	}

	private Mono<JsonNode> body(ServerWebExchange exchange) {
		return DataBufferUtils.join(exchange.getRequest().getBody(), this.plans.settings().maxBodyBytes)
			.map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return bytes;
			})
			.defaultIfEmpty(new byte[0])
			.map((bytes) -> this.plans.input().parse(bytes))
			.flatMap(PlanController::signed);
	}

}
