package org.gridmap.proposal;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** What goes wrong while proposing grids for a community, as RFC 9457 problems. */
public class ProposalProblem extends GridmapProblem {

	private ProposalProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	static ProposalProblem invalid(String parameter, String detail) {
		return (ProposalProblem) new ProposalProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				detail)
			.with("parameter", parameter)
			.with("pointer", "/" + parameter);
	}

	static ProposalProblem communityNotFound(String code) {
		return (ProposalProblem) new ProposalProblem(HttpStatus.NOT_FOUND, "community-not-found", "Community not found",
				"While proposing grids: no community or village " + code + " exists at that time")
			.with("community", code);
	}

}
