package org.gridmap.proposal;

import java.time.Instant;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/proposals}: a proposed partition of a community into grids, as a
 * GeoJSON FeatureCollection with its balance and compactness. It changes nothing;
 * {@code POST /api/v1/plans/{id}/proposal} puts a proposal into a draft plan.
 */
@RestController
class ProposalController {

	private static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

	private final Proposals proposals;

	ProposalController(Proposals proposals) {
		this.proposals = proposals;
	}

	@PostMapping(path = "/api/v1/proposals", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<ObjectNode>> propose(@RequestBody JsonNode body) {
		Proposal.Request request = Proposals.request(body);
		return this.proposals.propose(request, Instant.now())
			.map((proposal) -> ResponseEntity.ok().contentType(GEO_JSON).body(proposal.featureCollection()));
	}

}
