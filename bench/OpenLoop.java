import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: sends GET requests at a fixed rate whatever the server's latency (wrk
 * is closed-loop: a slow answer delays the next request and hides the queueing it
 * causes, "coordinated omission"). Each request's latency is measured from the moment it
 * was scheduled to be sent, so a stall shows in the figures even when the client itself
 * fell behind.
 *
 * <p>
 * Usage: {@code java bench/OpenLoop.java BASE_URL RATE SECONDS minLon minLat maxLon maxLat [PATH]}
 * with PATH default {@code /api/v1/lookup}; each request asks for a uniform random point
 * (fixed seed) in the box. Prints one line: sent, completed, errors, achieved rate and
 * the latency percentiles in ms.
 */
public class OpenLoop {

	public static void main(String[] args) throws Exception {
		String base = args[0];
		double rate = Double.parseDouble(args[1]);
		double seconds = Double.parseDouble(args[2]);
		double minLon = Double.parseDouble(args[3]);
		double minLat = Double.parseDouble(args[4]);
		double maxLon = Double.parseDouble(args[5]);
		double maxLat = Double.parseDouble(args[6]);
		String path = (args.length > 7) ? args[7] : "/api/v1/lookup";
		int total = (int) Math.round(rate * seconds);
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(2))
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		SplittableRandom random = new SplittableRandom(20261123);
		HttpRequest[] requests = new HttpRequest[total];
		for (int i = 0; i < total; i++) {
			double lon = minLon + random.nextDouble() * (maxLon - minLon);
			double lat = minLat + random.nextDouble() * (maxLat - minLat);
			String query = path.contains("lookup")
					? String.format(Locale.ROOT, "?lon=%.7f&lat=%.7f", lon, lat) : "";
			requests[i] = HttpRequest.newBuilder(URI.create(base + path + query)).timeout(Duration.ofSeconds(10)).build();
		}
		long[] latency = new long[total];
		AtomicInteger errors = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(total);
		long intervalNanos = (long) (1e9 / rate);
		long start = System.nanoTime() + 50_000_000;
		for (int i = 0; i < total; i++) {
			long intended = start + i * intervalNanos;
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			int k = i;
			client.sendAsync(requests[i], HttpResponse.BodyHandlers.discarding()).whenComplete((response, ex) -> {
				latency[k] = System.nanoTime() - intended;
				if (ex != null || response.statusCode() >= 500) {
					errors.incrementAndGet();
				}
				done.countDown();
			});
		}
		long sentNanos = System.nanoTime() - start;
		boolean finished = done.await(30, TimeUnit.SECONDS);
		long[] sorted = latency.clone();
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT,
				"rate %.0f/s asked, %.0f/s sent; %d requests, %s, %d errors (5xx or failed); latency ms: p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
				rate, total / (sentNanos / 1e9), total, finished ? "all answered" : "some unanswered after 30 s",
				errors.get(), pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), pct(sorted, 0.999),
				sorted[sorted.length - 1] / 1e6);
		System.exit(0);
	}

	private static double pct(long[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
	}

}
