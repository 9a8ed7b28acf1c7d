package org.gridmap.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady load of reports from several clients, each behaving as the idempotency
 * contract asks: every report gets its own {@code Idempotency-Key}, and on a 503, a
 * timeout or a connection error the client sends the same key with the same body again
 * (after a short pause, not the {@code Retry-After}, so that recovery is seen to the
 * tenth of a second) until it gets its 201. Records every answer: which keys were
 * accepted with which incident id, every status other than 201 and 503, every request's
 * time, and when the first 201 after a given instant came.
 */
final class ReportLoad implements AutoCloseable {

	/** Pause before sending a failed report again. */
	static final Duration PAUSE = Duration.ofMillis(100);

	/** Pause between one client's reports: a steady load, not a flood. */
	static final Duration THINK = Duration.ofMillis(50);

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String base;

	private final String matter;

	private final double lon;

	private final double lat;

	private final Duration clientTimeout;

	private final List<Thread> clients = new ArrayList<>();

	/** Key → the phase (fault) during which it was first sent. */
	final Map<String, String> sent = new ConcurrentHashMap<>();

	/** Key → incident id of its 201 (or 200). */
	final Map<String, Long> accepted = new ConcurrentHashMap<>();

	/** Statuses other than 201 and 503, and client-side timeouts, with what came back. */
	final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

	/** Each 201's arrival: nanoTime at the start of its request and at its end. */
	private final ConcurrentLinkedQueue<long[]> successes = new ConcurrentLinkedQueue<>();

	/** Each failed attempt (503, connection error): nanoTime at its end. */
	private final ConcurrentLinkedQueue<Long> failures = new ConcurrentLinkedQueue<>();

	final AtomicLong unavailable = new AtomicLong();

	/** 503 answers by the phase their request was sent in. */
	final Map<String, AtomicLong> unavailableByPhase = new ConcurrentHashMap<>();

	final AtomicLong connectionErrors = new AtomicLong();

	final AtomicLong retries = new AtomicLong();

	/** The longest request, in nanoseconds, by the phase it was sent in. */
	final Map<String, AtomicLong> longest = new ConcurrentHashMap<>();

	private volatile String phase = "steady";

	private final List<String> phases = new CopyOnWriteArrayList<>(List.of("steady"));

	private volatile boolean stopping;

	ReportLoad(String base, String matter, double lon, double lat, Duration clientTimeout) {
		this.base = base;
		this.matter = matter;
		this.lon = lon;
		this.lat = lat;
		this.clientTimeout = clientTimeout;
	}

	void start(int clients) {
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(this::client, "report-client-" + i);
			thread.setDaemon(true);
			this.clients.add(thread);
			thread.start();
		}
	}

	void phase(String phase) {
		this.phase = phase;
		this.phases.add(phase);
	}

	/** The phases in the order they began. */
	List<String> phases() {
		return List.copyOf(this.phases);
	}

	/**
	 * Stops sending new reports; every client finishes the one it has (retrying until
	 * accepted), within {@code drain}.
	 * @return whether every client finished in time
	 */
	boolean stop(Duration drain) throws InterruptedException {
		this.stopping = true;
		long end = System.nanoTime() + drain.toNanos();
		for (Thread client : this.clients) {
			client.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
		}
		return this.clients.stream().noneMatch(Thread::isAlive);
	}

	@Override
	public void close() {
		this.stopping = true;
		this.clients.forEach(Thread::interrupt);
	}

	/** nanoTime at which the first 201 of a request begun after {@code since} ended. */
	Long firstAcceptedStartedAfter(long since) {
		return this.successes.stream().filter((s) -> s[0] >= since).map((s) -> s[1]).min(Long::compare).orElse(null);
	}

	/** nanoTime of the first failed attempt after {@code since}, if any. */
	Long firstFailureAfter(long since) {
		return this.failures.stream().filter((t) -> t >= since).min(Long::compare).orElse(null);
	}

	/** nanoTime of the last failed attempt after {@code since}, if any. */
	Long lastFailureAfter(long since) {
		return this.failures.stream().filter((t) -> t >= since).max(Long::compare).orElse(null);
	}

	private void client() {
		while (!this.stopping && !Thread.currentThread().isInterrupted()) {
			String key = UUID.randomUUID().toString();
			this.sent.put(key, this.phase);
			// The key in the description lets the check find every incident stored for
			// it.
			String body = "{\"matter\":\"" + this.matter + "\",\"description\":\"" + FaultRun.DESCRIPTION_PREFIX + key
					+ "\",\"lon\":" + this.lon + ",\"lat\":" + this.lat + ",\"channel\":\"app\"}";
			if (!submit(key, body)) {
				return;
			}
			try {
				Thread.sleep(THINK.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Sends one report until accepted; false when interrupted or refused for good. */
	private boolean submit(String key, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + "/api/v1/incidents"))
			.timeout(this.clientTimeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		for (int attempt = 0;; attempt++) {
			if (attempt > 0) {
				this.retries.incrementAndGet();
			}
			long start = System.nanoTime();
			String phase = this.phase;
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				long end = took(phase, start);
				int status = response.statusCode();
				if (status == 201 || status == 200) {
					Matcher id = ID.matcher(response.body());
					if (!id.find()) {
						this.unexpected.add(status + " without an id: " + response.body());
						return true;
					}
					this.accepted.put(key, Long.parseLong(id.group(1)));
					this.successes.add(new long[] { start, end });
					return true;
				}
				if (status == 503) {
					this.unavailable.incrementAndGet();
					this.unavailableByPhase.computeIfAbsent(phase, (p) -> new AtomicLong()).incrementAndGet();
					this.failures.add(end);
					if (response.headers().firstValue("Retry-After").isEmpty()) {
						this.unexpected.add("503 without Retry-After: " + response.body());
					}
				}
				else {
					this.unexpected.add(status + ": " + response.body());
					this.failures.add(end);
					if (status < 500) {
						return true;
					}
				}
			}
			catch (HttpTimeoutException ex) {
				took(phase, start);
				this.failures.add(System.nanoTime());
				this.unexpected.add("no answer within " + this.clientTimeout.toMillis() + " ms");
			}
			catch (IOException ex) {
				took(phase, start);
				this.failures.add(System.nanoTime());
				this.connectionErrors.incrementAndGet();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			try {
				Thread.sleep(PAUSE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	/** The longest request sent during {@code phase}, in ms. */
	long longestMillis(String phase) {
		AtomicLong nanos = this.longest.get(phase);
		return (nanos != null) ? nanos.get() / 1_000_000 : 0;
	}

	private long took(String phase, long start) {
		long end = System.nanoTime();
		this.longest.computeIfAbsent(phase, (p) -> new AtomicLong()).accumulateAndGet(end - start, Math::max);
		return end;
	}

}
