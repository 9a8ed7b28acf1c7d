package org.gridmap.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the demo loader as a Flyway callback (Spring Boot hands every
 * {@code Callback} bean to Flyway) when {@code gridmap.demo-data} is true.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("gridmap.demo-data")
class DemoDataConfiguration {

	@Bean
	DemoDataLoader demoDataLoader() {
		return new DemoDataLoader();
	}

}
