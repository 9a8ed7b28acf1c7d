package org.gridmap.ogc;

import org.gridmap.problem.GridmapProblem;

import org.springframework.http.HttpStatus;

/** What can go wrong serving OGC API – Features requests. */
class OgcProblem extends GridmapProblem {

	private OgcProblem(HttpStatus status, String slug, String title, String detail) {
		super(status, slug, title, detail);
	}

	static OgcProblem invalid(String parameter, String detail) {
		OgcProblem problem = new OgcProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
		problem.with("parameter", parameter);
		return problem;
	}

	static OgcProblem noCollection(String id) {
		OgcProblem problem = new OgcProblem(HttpStatus.NOT_FOUND, "no-such-collection", "No such collection",
				"There is no collection '" + abbreviate(id) + "'; see /ogc/collections.");
		return problem;
	}

	static OgcProblem noFeature(String collection, String featureId) {
		return new OgcProblem(HttpStatus.NOT_FOUND, "no-such-feature", "No such feature", "Collection '" + collection
				+ "' has no feature '" + abbreviate(featureId) + "' at the requested time.");
	}

	static String abbreviate(String value) {
		return (value.length() <= 60) ? value : value.substring(0, 60) + "…";
	}

}
