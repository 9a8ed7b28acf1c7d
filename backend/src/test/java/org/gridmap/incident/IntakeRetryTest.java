package org.gridmap.incident;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failed reports the intake tries once more on a fresh connection. Their effect
 * under real faults (fewer 503s, never a report stored twice) is what
 * {@code org.gridmap.faults.ReportFaultTest} checks.
 */
class IntakeRetryTest {

	private static final Exception CLOSED_MID_TRANSACTION = new DataAccessResourceFailureException("R2DBC rollback",
			new R2dbcNonTransientResourceException("Cannot exchange messages because the connection is closed"));

	private static final Exception CLOSED_AT_BEGIN = new CannotCreateTransactionException(
			"Could not open R2DBC Connection for transaction",
			new R2dbcNonTransientResourceException("Connection unexpectedly closed"));

	private static final Exception ENDED_BY_ADMINISTRATOR = new DataAccessResourceFailureException("executeMany",
			new R2dbcNonTransientResourceException("terminating connection due to administrator command", "57P01"));

	@Test
	void aKeyedReportWhoseConnectionWasLostMidTransactionIsTriedAgain() {
		assertThat(IncidentIntake.connectionLost(CLOSED_MID_TRANSACTION, true)).isTrue();
	}

	@Test
	void aKeyedReportWhoseBackendWasEndedIsTriedAgain() {
		assertThat(IncidentIntake.connectionLost(ENDED_BY_ADMINISTRATOR, true)).isTrue();
	}

	@Test
	void anUnkeyedReportWhoseConnectionWasLostMidTransactionIsNotTriedAgainAsItMayHaveCommitted() {
		assertThat(IncidentIntake.connectionLost(CLOSED_MID_TRANSACTION, false)).isFalse();
	}

	@Test
	void anyReportWhoseTransactionCouldNotBeginIsTriedAgain() {
		assertThat(IncidentIntake.connectionLost(CLOSED_AT_BEGIN, false)).isTrue();
		assertThat(IncidentIntake.connectionLost(CLOSED_AT_BEGIN, true)).isTrue();
	}

	@Test
	void aTimeoutIsNotTriedAgainSoTheClientDoesNotWaitTwice() {
		Exception acquire = new CannotCreateTransactionException("Could not open R2DBC Connection for transaction",
				new R2dbcTimeoutException("Connection acquisition timed out"));
		Exception statement = new QueryTimeoutException("canceling statement due to statement timeout",
				new R2dbcTimeoutException("canceling statement due to statement timeout"));
		// What the driver raises for statement_timeout: class 57 like an ended backend.
		Exception cancelled = new DataAccessResourceFailureException("executeMany",
				new R2dbcNonTransientResourceException("canceling statement due to statement timeout", "57014"));
		assertThat(IncidentIntake.connectionLost(acquire, true)).isFalse();
		assertThat(IncidentIntake.connectionLost(statement, true)).isFalse();
		assertThat(IncidentIntake.connectionLost(cancelled, true)).isFalse();
	}

}
