package org.gridmap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Gridmap: grid polygons and their hierarchy in PostGIS, point-in-grid lookup, OGC API
 * Features and the Leaflet pages.
 */
@SpringBootApplication
@EnableScheduling
public class GridmapApplication {

	public static void main(String[] args) {
		SpringApplication.run(GridmapApplication.class, args);
	}

}
