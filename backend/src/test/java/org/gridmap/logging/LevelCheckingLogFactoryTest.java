package org.gridmap.logging;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commons Logging finds this factory through its service file, and a message whose level
 * is off is never turned into a string (Spring's lazy {@code LogMessage} stays lazy).
 */
class LevelCheckingLogFactoryTest {

	@Test
	void commonsLoggingUsesTheLevelCheckingFactory() {
		assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckingLogFactory.class);
		assertThat(LogFactory.getLog(LevelCheckingLogFactoryTest.class)).isInstanceOf(LevelCheckingLog.class);
	}

	@Test
	void aMessageBelowTheLevelIsNeverBuilt() {
		Log log = LogFactory.getLog("org.gridmap.logging.test");
		assertThat(log.isDebugEnabled()).isFalse();
		AtomicInteger built = new AtomicInteger();
		Object message = new Object() {
			@Override
			public String toString() {
				built.incrementAndGet();
				return "built";
			}
		};
		log.trace(message);
		log.debug(message);
		log.debug(message, new IllegalStateException());
		assertThat(built).hasValue(0);
		log.info(message);
		assertThat(built).hasValue(1);
	}

}
