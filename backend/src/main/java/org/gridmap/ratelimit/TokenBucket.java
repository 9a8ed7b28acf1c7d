package org.gridmap.ratelimit;

/**
 * A token bucket that holds a minute's allowance and refills continuously: a client may
 * burst up to its per-minute limit, then continue at the sustained rate.
 */
final class TokenBucket {

	private static final long MINUTE_NANOS = 60_000_000_000L;

	private final double capacity;

	private final double tokensPerNano;

	private double tokens;

	private long last;

	TokenBucket(int perMinute) {
		this.capacity = perMinute;
		this.tokensPerNano = perMinute / (double) MINUTE_NANOS;
		this.tokens = perMinute;
		this.last = System.nanoTime();
	}

	/**
	 * Takes a token if there is one.
	 * @return 0 when taken, otherwise the milliseconds until one will be there
	 */
	synchronized long take(long now) {
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.tokensPerNano);
		this.last = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return (long) Math.ceil((1 - this.tokens) / this.tokensPerNano / 1_000_000);
	}

	synchronized long idleFor(long now) {
		return now - this.last;
	}

}
