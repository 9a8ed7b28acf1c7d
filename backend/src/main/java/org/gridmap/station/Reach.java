package org.gridmap.station;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How far "N minutes" reaches: minutes times the mode's speed (walking 4.5 km/h, cycling
 * 15 km/h by default, both configurable), as a distance in metres that serves both as the
 * circle's geodesic radius and as the network budget.
 */
@Component
class Reach {

	static final int MAX_MINUTES = 60;

	private final double walkKmh;

	private final double cycleKmh;

	Reach(@Value("${gridmap.stations.walk-kmh}") double walkKmh,
			@Value("${gridmap.stations.cycle-kmh}") double cycleKmh) {
		if (!(walkKmh > 0 && cycleKmh > 0)) {
			throw new IllegalArgumentException("gridmap.stations.walk-kmh and cycle-kmh must be positive");
		}
		this.walkKmh = walkKmh;
		this.cycleKmh = cycleKmh;
	}

	/** A checked (minutes, mode) pair; null texts mean 15 minutes on foot. */
	Trip trip(String minutesText, String modeText) {
		int minutes = 15;
		if (minutesText != null && !minutesText.isBlank()) {
			try {
				minutes = Integer.parseInt(minutesText.strip());
			}
			catch (NumberFormatException ex) {
				throw StationProblem.invalid("minutes", "'minutes' must be a whole number from 1 to " + MAX_MINUTES
						+ ", got '" + StationProblem.abbreviate(minutesText) + "'");
			}
		}
		if (minutes < 1 || minutes > MAX_MINUTES) {
			throw StationProblem.invalid("minutes", "'minutes' must be from 1 to " + MAX_MINUTES + ", got " + minutes);
		}
		String mode = (modeText == null || modeText.isBlank()) ? "walk" : modeText.strip().toLowerCase(Locale.ROOT);
		double kmh = switch (mode) {
			case "walk" -> this.walkKmh;
			case "cycle" -> this.cycleKmh;
			default -> throw StationProblem.invalid("mode",
					"'mode' must be walk or cycle, got '" + StationProblem.abbreviate(modeText) + "'");
		};
		return new Trip(minutes, mode, kmh, kmh * 1000 / 60 * minutes);
	}

	/** Minutes by a mode at a speed, and the distance that makes. */
	record Trip(int minutes, String mode, double kmh, double metres) {

		String json() {
			return "{\"minutes\":" + this.minutes + ",\"mode\":\"" + this.mode + "\",\"speedKmh\":" + this.kmh
					+ ",\"reachMetres\":" + Math.round(this.metres * 10) / 10.0 + "}";
		}

	}

}
