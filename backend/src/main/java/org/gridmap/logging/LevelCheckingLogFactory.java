package org.gridmap.logging;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Slf4jLogFactory;

/**
 * Commons Logging's factory for the whole service, named in
 * {@code META-INF/services/org.apache.commons.logging.LogFactory}: SLF4J's loggers, each
 * wrapped so that a message is built only when its level is on.
 *
 * <p>
 * Commons Logging 1.3's {@code Slf4jLocationAwareLog.debug(Object)} calls
 * {@code String.valueOf(message)} before SLF4J checks the level, which defeats Spring's
 * lazy {@code LogMessage}. Spring Security's request matchers log one such message per
 * matcher tried, so every request formatted a dozen strings (JFR: a third of the time of
 * the constant-body benchmark). Spring 6's own adapter checked the level first; this does
 * the same.
 */
public final class LevelCheckingLogFactory extends LogFactory {

	private final Slf4jLogFactory delegate = new Slf4jLogFactory();

	@Override
	public Log getInstance(Class<?> clazz) {
		return getInstance(clazz.getName());
	}

	@Override
	public Log getInstance(String name) {
		return new LevelCheckingLog(this.delegate.getInstance(name));
	}

	@Override
	public Object getAttribute(String name) {
		return this.delegate.getAttribute(name);
	}

	@Override
	public String[] getAttributeNames() {
		return this.delegate.getAttributeNames();
	}

	@Override
	public void release() {
		this.delegate.release();
	}

	@Override
	public void removeAttribute(String name) {
		this.delegate.removeAttribute(name);
	}

	@Override
	public void setAttribute(String name, Object value) {
		this.delegate.setAttribute(name, value);
	}

}
