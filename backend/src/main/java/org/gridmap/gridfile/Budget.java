package org.gridmap.gridfile;

/**
 * Counts features and positions while a file is read and stops the reading (413) the
 * moment one of the {@link GridfileLimits} is crossed, before more work is done.
 */
final class Budget {

	private final GridfileLimits limits;

	private int features;

	private long vertices;

	private int featureVertices;

	Budget(GridfileLimits limits) {
		this.limits = limits;
	}

	/** A new feature starts. */
	void feature() {
		if (++this.features > this.limits.maxFeatures()) {
			throw GridfileProblem.tooLarge("features", this.limits.maxFeatures(),
					"The file holds more than " + this.limits.maxFeatures() + " features; split it.");
		}
		this.featureVertices = 0;
	}

	/** A format that knows its feature count up front refuses too many at once. */
	void expectFeatures(long count) {
		if (count > this.limits.maxFeatures()) {
			throw GridfileProblem.tooLarge("features", this.limits.maxFeatures(),
					"The file holds " + count + " features, more than " + this.limits.maxFeatures() + "; split it.");
		}
	}

	/** Positions of the current feature. */
	void vertices(long count) {
		this.vertices += count;
		this.featureVertices += (int) Math.min(count, Integer.MAX_VALUE);
		if (this.featureVertices > this.limits.maxFeatureVertices() || count > this.limits.maxFeatureVertices()) {
			throw GridfileProblem
				.tooLarge("featureVertices", this.limits.maxFeatureVertices(),
						"Feature " + this.features + " has more than " + this.limits.maxFeatureVertices()
								+ " vertices; simplify it.")
				.with("feature", this.features);
		}
		if (this.vertices > this.limits.maxVertices()) {
			throw GridfileProblem.tooLarge("vertices", this.limits.maxVertices(),
					"The file holds more than " + this.limits.maxVertices() + " vertices; split or simplify it.");
		}
	}

	int features() {
		return this.features;
	}

	long vertices() {
		return this.vertices;
	}

}
