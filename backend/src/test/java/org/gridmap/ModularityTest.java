package org.gridmap;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Feature packages depend on each other only through their public types, without cycles.
 */
class ModularityTest {

	@Test
	void featurePackagesRespectTheirBoundaries() {
		ApplicationModules.of(GridmapApplication.class).verify();
	}

}
