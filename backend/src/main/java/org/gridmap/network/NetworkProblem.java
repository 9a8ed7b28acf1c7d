package org.gridmap.network;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** What can go wrong importing a road network. */
class NetworkProblem extends GridmapProblem {

	private NetworkProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	static NetworkProblem invalid(String parameter, String detail) {
		NetworkProblem problem = new NetworkProblem(HttpStatus.BAD_REQUEST, "invalid-network", "Invalid road network",
				"Nothing was imported: " + detail);
		problem.with("parameter", parameter);
		return problem;
	}

}
