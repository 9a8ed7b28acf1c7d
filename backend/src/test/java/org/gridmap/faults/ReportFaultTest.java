package org.gridmap.faults;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports under faults: a steady load of reports from clients that retry with the same
 * {@code Idempotency-Key}, while, one after another with recovery in between, the
 * database is restarted ({@code pg_ctl restart -m fast}, then {@code -m immediate}), its
 * backends are ended ({@code pg_terminate_backend}), the pool is exhausted (every
 * connection stuck behind a lock until {@code statement_timeout}), the network cuts every
 * connection and refuses new ones for a second, the network is slow, and it goes silent
 * (nothing passes, nothing is closed) for longer than the request timeout. Then every
 * report answered 201 must be stored exactly once under the id it was answered with, no
 * key stored twice, no status other than 201 and 503 (with {@code Retry-After}), no
 * request longer than the request timeout plus a margin, and after each fault a report
 * accepted and readiness UP again within a bounded time.
 *
 * <p>
 * The database is a private cluster ({@link PrivateCluster}) behind a {@link TcpProxy},
 * so the shared test database is never touched. The figures (accepted, stored,
 * duplicated, lost, longest request, recovery times) are printed, and written to the file
 * named by {@code -Dgridmap.faults.results} ({@code bench/faults.sh});
 * {@code -Dgridmap.faults.settle-seconds} sets how long the load runs between faults
 * (default 2), {@code -Dgridmap.faults.clients} the clients (default 8).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportFaultTest {

	private static final Duration SETTLE = Duration.ofSeconds(Long.getLong("gridmap.faults.settle-seconds", 2));

	private static final int CLIENTS = Integer.getInteger("gridmap.faults.clients", 8);

	/** Generous: the recovery figures go in the report, this only catches "never". */
	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private FaultRun run;

	private final List<FaultRun.Recovery> recoveries = new ArrayList<>();

	private Map<String, FaultRun.Tally> tallies = Map.of();

	@BeforeAll
	void start() throws Exception {
		this.run = FaultRun.start();
	}

	@AfterAll
	void stop() throws IOException {
		try {
			report();
		}
		finally {
			if (this.run != null) {
				this.run.close();
			}
		}
	}

	/**
	 * A dispatcher's step whose transaction is cut off by the network half-way (every
	 * statement slowed, then every connection cut) is answered 503 or done, and either
	 * way the incident's status and its timeline agree: never a status without its step
	 * or a step without its status.
	 */
	@Test
	@Order(1)
	void aWorkflowStepCutOffMidTransactionIsWhollyDoneOrNotAtAll() throws Exception {
		HttpResponse<String> created = this.run.post("/api/v1/incidents", report("step cut off"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long id = Long.parseLong(created.body().replaceAll("(?s).*?\"id\"\\s*:\\s*(\\d+).*", "$1"));
		String token = this.run.adminToken();
		this.run.proxy.delay(150);
		CompletableFuture<HttpResponse<String>> step = CompletableFuture.supplyAsync(() -> {
			try {
				return this.run.post("/api/v1/incidents/" + id + "/actions",
						"{\"action\":\"register\",\"note\":\"cut off\"}", token);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		// Inside the step's transaction: BEGIN and the first statements are on their way.
		Thread.sleep(700);
		this.run.proxy.refuse(true);
		this.run.proxy.cutAll();
		this.run.proxy.delay(0);
		HttpResponse<String> answer = step.get();
		this.run.proxy.refuse(false);
		assertThat(answer.statusCode()).as(answer.body()).isIn(200, 503);
		if (answer.statusCode() == 503) {
			assertThat(answer.headers().firstValue("Retry-After")).isPresent();
		}
		try (Connection db = this.run.cluster.superuser(FaultRun.DATABASE);
				Statement statement = db.createStatement();
				ResultSet row = statement.executeQuery("SELECT i.status, (SELECT count(*) FROM incident_event e "
						+ "WHERE e.incident_id = i.id AND e.action = 'register') FROM incident i WHERE i.id = " + id)) {
			assertThat(row.next()).isTrue();
			String status = row.getString(1);
			long steps = row.getLong(2);
			if (answer.statusCode() == 200) {
				assertThat(status).isEqualTo("registered");
			}
			assertThat(steps).as("register steps for status " + status).isEqualTo("registered".equals(status) ? 1 : 0);
		}
	}

	@Test
	@Order(2)
	void everyAcceptedReportIsStoredOnceThroughRestartsKilledBackendsAnExhaustedPoolAndNetworkFaults()
			throws Exception {
		ReportLoad load = this.run.newLoad();
		load.start(CLIENTS);
		Thread.sleep(SETTLE.toMillis());
		PrivateCluster cluster = this.run.cluster;
		TcpProxy proxy = this.run.proxy;
		fault("restart -m fast", () -> {
			cluster.restart("fast");
			return "pg_ctl restart -m fast";
		});
		fault("restart -m immediate", () -> {
			cluster.restart("immediate");
			return "pg_ctl restart -m immediate (crash recovery)";
		});
		fault("pg_terminate_backend", () -> "ended " + cluster.terminateBackends(FaultRun.DATABASE) + " backends");
		Duration hold = FaultRun.STATEMENT_TIMEOUT.plusSeconds(3);
		fault("pool exhausted", () -> {
			// Every report's transaction waits on the lock with its connection held until
			// statement_timeout; the requests behind them wait for a connection.
			try (Connection db = cluster.superuser(FaultRun.DATABASE); Statement statement = db.createStatement()) {
				db.setAutoCommit(false);
				statement.execute("LOCK TABLE idempotency_key IN ACCESS EXCLUSIVE MODE");
				Thread.sleep(hold.toMillis());
				db.commit();
			}
			return "idempotency_key locked for " + hold.toSeconds() + " s";
		});
		fault("connections cut", () -> {
			proxy.refuse(true);
			int cut = proxy.cutAll();
			Thread.sleep(1000);
			proxy.refuse(false);
			return cut + " connections cut, new ones refused for 1 s";
		});
		fault("slow network", () -> {
			proxy.delay(200);
			Thread.sleep(4000);
			proxy.delay(0);
			return "every packet held 200 ms for 4 s";
		});
		Duration silence = FaultRun.REQUEST_TIMEOUT.plusSeconds(2);
		fault("network silent", () -> {
			// Requests in flight hear nothing: only the request timeout ends them.
			proxy.stall(true);
			Thread.sleep(silence.toMillis());
			proxy.stall(false);
			return "nothing passed for " + silence.toSeconds() + " s";
		});
		load.phase("after");
		boolean drained = load.stop(Duration.ofSeconds(30));
		this.tallies = this.run.check();

		assertThat(drained).as("every client got its last report accepted").isTrue();
		assertThat(load.unexpected).as("answers other than 201 and 503 with Retry-After, or no answer").isEmpty();
		for (FaultRun.Tally tally : this.tallies.values()) {
			assertThat(tally.problems).as(tally.phase).isEmpty();
			assertThat(tally.lost).as(tally.phase + ": accepted but not stored").isZero();
			assertThat(tally.duplicated).as(tally.phase + ": stored twice").isZero();
			assertThat(tally.accepted).as(tally.phase + ": every report sent is accepted in the end")
				.isEqualTo(tally.sent);
			assertThat(load.longestMillis(tally.phase)).as(tally.phase + ": longest request")
				.isLessThan(FaultRun.REQUEST_TIMEOUT.plus(FaultRun.MARGIN).toMillis());
		}
		for (FaultRun.Recovery recovery : this.recoveries) {
			assertThat(recovery.firstAcceptedMillis()).as(recovery.fault() + ": a report accepted after it")
				.isBetween(0L, PATIENCE.toMillis());
			assertThat(recovery.healthUpMillis()).as(recovery.fault() + ": readiness UP after it")
				.isBetween(0L, PATIENCE.toMillis());
		}
	}

	private void fault(String name, FaultRun.FaultAction action) throws Exception {
		this.recoveries.add(this.run.fault(name, action, SETTLE, PATIENCE));
	}

	private String report(String description) throws Exception {
		try (Connection db = this.run.cluster.superuser(FaultRun.DATABASE);
				Statement statement = db.createStatement();
				ResultSet row = statement.executeQuery("SELECT code FROM matter ORDER BY code LIMIT 1")) {
			row.next();
			return "{\"matter\":\"" + row.getString(1) + "\",\"description\":\"" + description
					+ "\",\"lon\":130.8,\"lat\":45.35}";
		}
	}

	/** The figures as a table, printed and (for bench/faults.sh) written to a file. */
	private void report() throws IOException {
		StringBuilder out = new StringBuilder();
		if (this.run != null) {
			out.append(String.format(
					"service start-up%s: %.1f s; %d clients; %d s of load between faults; "
							+ "pool %d, acquire timeout %d ms, statement timeout %d ms, request timeout %d ms%n",
					FaultRun.DEMO ? " with the demo district" : "", this.run.startUp.toMillis() / 1000.0, CLIENTS,
					SETTLE.toSeconds(), FaultRun.POOL_MAX, FaultRun.ACQUIRE_TIMEOUT.toMillis(),
					FaultRun.STATEMENT_TIMEOUT.toMillis(), FaultRun.REQUEST_TIMEOUT.toMillis()));
			out.append("times in seconds from the fault's start: fault = how long it lasted; first 201 = the first "
					+ "report sent after it ended accepted (and after its end); last error = the last 503 or "
					+ "connection error; readiness = DOWN at, UP again at\n");
		}
		String format = "%-21s %8s %6s %4s %4s %5s %8s %6s %15s %10s %13s  %s%n";
		out.append(String.format(format, "fault", "accepted", "stored", "dup", "lost", "503s", "longest", "fault",
				"first 201 (end)", "last error", "readiness", "what"));
		ReportLoad load = (this.run != null) ? this.run.load : null;
		for (FaultRun.Tally tally : this.tallies.values()) {
			if (tally.sent == 0) {
				continue;
			}
			FaultRun.Recovery r = this.recoveries.stream()
				.filter((recovery) -> recovery.fault().equals(tally.phase))
				.findFirst()
				.orElse(null);
			long unavailable = (load != null && load.unavailableByPhase.containsKey(tally.phase))
					? load.unavailableByPhase.get(tally.phase).get() : 0;
			out.append(
					String.format(format, tally.phase, tally.accepted, tally.stored, tally.duplicated, tally.lost,
							unavailable, (load != null) ? seconds(load.longestMillis(tally.phase)) : "",
							(r != null) ? seconds(r.faultMillis()) : "",
							(r != null) ? seconds(r.firstAcceptedMillis()) + " ("
									+ seconds(r.acceptedAfterFaultEndMillis()) + ")" : "",
							(r != null) ? seconds(r.lastFailureMillis()) : "",
							(r == null) ? ""
									: (r.healthDownMillis() < 0) ? "stayed UP"
											: seconds(r.healthDownMillis()) + ", " + seconds(r.healthUpMillis()),
							(r != null) ? r.detail() : ""));
		}
		if (load != null) {
			out.append(String.format("503 answers %d, connection errors %d, retries %d, other answers %d%n",
					load.unavailable.get(), load.connectionErrors.get(), load.retries.get(), load.unexpected.size()));
			load.unexpected.stream().limit(10).forEach((line) -> out.append("  ").append(line).append('\n'));
		}
		System.out.println(out);
		String file = System.getProperty("gridmap.faults.results");
		if (file != null && !file.isBlank()) {
			Files.writeString(Path.of(file), out);
		}
	}

	private static String seconds(long millis) {
		return (millis < 0) ? "-" : String.format("%.1f", millis / 1000.0);
	}

}
