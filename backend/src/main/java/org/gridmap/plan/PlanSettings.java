package org.gridmap.plan;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The planning limits and rules from configuration (every key is in
 * {@code config/gridmap.env.example}): input limits, validation tolerances, the household
 * range per grid type and the activation task's interval.
 */
@Component
class PlanSettings {

	final int maxBodyBytes;

	final int maxVertices;

	final int maxNesting;

	final int maxBatch;

	final double areaToleranceM2;

	final double edgeToleranceMetres;

	final Map<String, Range> households;

	final Duration activationInterval;

	final ZoneId zone;

	PlanSettings(@Value("${gridmap.plan.max-body}") DataSize maxBody,
			@Value("${gridmap.plan.max-vertices}") int maxVertices,
			@Value("${gridmap.plan.max-nesting}") int maxNesting, @Value("${gridmap.plan.max-batch}") int maxBatch,
			@Value("${gridmap.plan.area-tolerance-m2}") double areaToleranceM2,
			@Value("${gridmap.plan.edge-tolerance-m}") double edgeToleranceMetres,
			@Value("${gridmap.plan.households.urban}") String urban,
			@Value("${gridmap.plan.households.rural}") String rural,
			@Value("${gridmap.plan.households.special}") String special,
			@Value("${gridmap.plan.activation-interval}") Duration activationInterval,
			@Value("${gridmap.time-zone}") ZoneId zone) {
		this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE, maxBody.toBytes());
		this.maxVertices = maxVertices;
		this.maxNesting = maxNesting;
		this.maxBatch = maxBatch;
		this.areaToleranceM2 = areaToleranceM2;
		this.edgeToleranceMetres = edgeToleranceMetres;
		this.households = Map.of("urban", Range.parse("gridmap.plan.households.urban", urban), "rural",
				Range.parse("gridmap.plan.households.rural", rural), "special",
				Range.parse("gridmap.plan.households.special", special));
		this.activationInterval = activationInterval;
		this.zone = zone;
	}

	/** A household range such as {@code 300-500}, both ends included. */
	record Range(int min, int max) {

		static Range parse(String key, String text) {
			String[] parts = text.strip().split("\\s*-\\s*");
			try {
				Range range = new Range(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
				if (parts.length != 2 || range.min() < 0 || range.max() < range.min()) {
					throw new IllegalArgumentException();
				}
				return range;
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException(key + " must be a range like 300-500, got '" + text + "'");
			}
		}

		boolean contains(int value) {
			return value >= this.min && value <= this.max;
		}

		@Override
		public String toString() {
			return this.min + "–" + this.max;
		}

	}

}
