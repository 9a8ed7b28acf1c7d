package org.gridmap.geo;

/**
 * Converts between WGS 84 and the two obfuscated coordinate systems that Chinese map
 * services use: GCJ-02 and BD-09.
 * <p>
 * <b>GCJ-02</b> ("Mars coordinates", 国测局坐标/火星坐标) is WGS 84 plus a deliberately non-linear
 * offset of a few hundred metres, required by Chinese regulation for maps published in
 * mainland China. It is what AMap (Gaode), Tencent Maps and WeChat's
 * {@code wx.getLocation({type: 'gcj02'})} return. <b>BD-09</b> is Baidu's own further
 * obfuscation of GCJ-02 and is what the Baidu Maps SDKs return ({@code bd09ll}).
 * <p>
 * The official algorithms are not published. This class implements the public
 * reconstruction used by eviltransform, coordtransform, gcoord and most other open
 * libraries (Krasovsky 1940 ellipsoid constants, the same trigonometric series and the
 * same rough "mainland China" bounding box). In tests against coordinates produced by the
 * official services it agrees to well under a metre, but it is a reconstruction, not the
 * specification. Outside the bounding box (longitude 72.004–137.8347, latitude
 * 0.8293–55.8271) GCJ-02 is taken to equal WGS 84, as the reference implementations do;
 * BD-09 is still offset from GCJ-02 there, again as they do.
 * <p>
 * The forward directions (WGS 84 → GCJ-02, GCJ-02 → BD-09) are closed formulas. The
 * inverse directions are computed by fixed-point iteration until the forward conversion
 * of the result reproduces the input to better than 1e-9 degree (about 0.1 mm), not by
 * the common one-step approximation (which is off by up to a few metres for GCJ-02).
 * <p>
 * Every method takes (longitude, latitude) in decimal degrees and returns
 * {@code double[]{longitude, latitude}}; both inputs must be finite, otherwise an
 * {@link IllegalArgumentException} is thrown.
 */
public final class ChinaCoordinates {

	/** Semi-major axis of the Krasovsky 1940 ellipsoid, in metres. */
	private static final double A = 6378245.0;

	/** First eccentricity squared of the Krasovsky 1940 ellipsoid. */
	private static final double EE = 0.00669342162296594323;

	private static final double X_PI = Math.PI * 3000.0 / 180.0;

	private static final double TOLERANCE = 1e-9;

	private static final int MAX_ITERATIONS = 50;

	private ChinaCoordinates() {
	}

	/**
	 * Whether a point lies inside the rough bounding box where the reference
	 * implementations apply the GCJ-02 offset.
	 */
	public static boolean isInsideChinaBox(double lon, double lat) {
		return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
	}

	/** WGS 84 → GCJ-02; unchanged outside the China bounding box. */
	public static double[] wgs84ToGcj02(double lon, double lat) {
		requireFinite(lon, lat);
		return gcjOffset(lon, lat);
	}

	/** GCJ-02 → WGS 84, the exact inverse of {@link #wgs84ToGcj02} by iteration. */
	public static double[] gcj02ToWgs84(double lon, double lat) {
		requireFinite(lon, lat);
		if (!isInsideChinaBox(lon, lat)) {
			return new double[] { lon, lat };
		}
		return invert(lon, lat, false);
	}

	/** GCJ-02 → BD-09. */
	public static double[] gcj02ToBd09(double lon, double lat) {
		requireFinite(lon, lat);
		return bdOffset(lon, lat);
	}

	/** BD-09 → GCJ-02, the exact inverse of {@link #gcj02ToBd09} by iteration. */
	public static double[] bd09ToGcj02(double lon, double lat) {
		requireFinite(lon, lat);
		return invert(lon, lat, true);
	}

	/** WGS 84 → BD-09 (via GCJ-02). */
	public static double[] wgs84ToBd09(double lon, double lat) {
		requireFinite(lon, lat);
		double[] gcj = gcjOffset(lon, lat);
		return bdOffset(gcj[0], gcj[1]);
	}

	/** BD-09 → WGS 84 (via GCJ-02), exact inverse of {@link #wgs84ToBd09}. */
	public static double[] bd09ToWgs84(double lon, double lat) {
		double[] gcj = bd09ToGcj02(lon, lat);
		return gcj02ToWgs84(gcj[0], gcj[1]);
	}

	private static void requireFinite(double lon, double lat) {
		if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
			throw new IllegalArgumentException("Coordinates must be finite numbers, got lon=" + lon + ", lat=" + lat);
		}
	}

	/**
	 * Solves forward(x) = target for x by the fixed-point iteration x ← x − (forward(x) −
	 * target). The offsets vary slowly (their derivatives are of the order of 1e-3), so
	 * this converges within a few steps.
	 */
	private static double[] invert(double lon, double lat, boolean bd) {
		double x = lon;
		double y = lat;
		double bestX = x;
		double bestY = y;
		double bestError = Double.POSITIVE_INFINITY;
		for (int i = 0; i < MAX_ITERATIONS; i++) {
			double[] forward = bd ? bdOffset(x, y) : gcjOffset(x, y);
			double dx = forward[0] - lon;
			double dy = forward[1] - lat;
			double error = Math.max(Math.abs(dx), Math.abs(dy));
			if (error < bestError) {
				bestError = error;
				bestX = x;
				bestY = y;
			}
			if (error < TOLERANCE) {
				break;
			}
			x -= dx;
			y -= dy;
		}
		// Near the edge of the bounding box the GCJ-02 forward function is discontinuous
		// and an exact inverse may not exist; the closest iterate is returned then.
		return new double[] { bestX, bestY };
	}

	private static double[] gcjOffset(double lon, double lat) {
		if (!isInsideChinaBox(lon, lat)) {
			return new double[] { lon, lat };
		}
		double x = lon - 105.0;
		double y = lat - 35.0;
		double radLat = Math.toRadians(lat);
		double sinLat = Math.sin(radLat);
		double magic = 1 - EE * sinLat * sinLat;
		double sqrtMagic = Math.sqrt(magic);
		double dLat = (offsetLat(x, y) * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
		double dLon = (offsetLon(x, y) * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
		return new double[] { lon + dLon, lat + dLat };
	}

	private static double offsetLat(double x, double y) {
		double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
		ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
		ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
		ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
		return ret;
	}

	private static double offsetLon(double x, double y) {
		double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
		ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
		ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
		ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
		return ret;
	}

	private static double[] bdOffset(double lon, double lat) {
		double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
		double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
		return new double[] { z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006 };
	}

}
