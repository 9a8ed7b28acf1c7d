package org.gridmap.plan;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes addresses and open incidents follow plans published for a future date once that
 * date arrives: every {@code GRIDMAP_PLAN_ACTIVATION_INTERVAL} it applies each published
 * plan that has taken effect and has not been applied yet (one transaction each; several
 * instances can run it side by side, {@code SKIP LOCKED} gives each plan to one of them).
 */
@Component
class PlanActivation implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PlanActivation.class);

	/** At most this many plans per tick, so that one tick cannot run away. */
	static final int MAX_PER_TICK = 100;

	private final PlanPublisher publisher;

	private final PlanSettings settings;

	private volatile Disposable ticks;

	PlanActivation(PlanPublisher publisher, PlanSettings settings) {
		this.publisher = publisher;
		this.settings = settings;
	}

	/** Applies every plan in effect at {@code now}; returns how many. */
	Mono<Long> activateDue(Instant now) {
		return Flux.defer(() -> this.publisher.activateNext(now))
			.repeat(MAX_PER_TICK - 1)
			.takeWhile(Boolean::booleanValue)
			.count();
	}

	@Override
	public void start() {
		if (this.settings.activationInterval.isZero() || this.settings.activationInterval.isNegative()) {
			return;
		}
		this.ticks = Flux.interval(this.settings.activationInterval, this.settings.activationInterval)
			.onBackpressureDrop()
			.concatMap((tick) -> activateDue(Instant.now()).onErrorResume((ex) -> {
				logger.warn("Plan activation failed; retrying at the next tick: " + ex.getMessage());
				return Mono.just(0L);
			}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.ticks;
		if (running != null) {
			running.dispose();
			this.ticks = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.ticks != null;
	}

}
