package org.gridmap.demo;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.gridmap.demodistrict.DemoDistrict;
import org.gridmap.demodistrict.DemoDistrictGenerator;
import org.gridmap.demodistrict.DemoStreetNetwork;
import org.gridmap.demodistrict.Road;
import org.postgresql.PGConnection;

/**
 * Loads the demo street network ({@link DemoStreetNetwork}) on the caller's connection
 * and in its transaction: edges through {@code COPY}, then their topology from the
 * database's own function (the one imports use), so network walking areas work from the
 * first start.
 */
final class DemoRoadLoader {

	private DemoRoadLoader() {
	}

	/**
	 * @return the number of edges loaded
	 */
	static int load(Connection connection, DemoDistrict district) throws SQLException, IOException {
		List<Road> roads = DemoStreetNetwork.generate(district, DemoDistrictGenerator.DEFAULT_SEED);
		StringBuilder rows = new StringBuilder(roads.size() * 90);
		for (Road road : roads) {
			DemoDataLoader.field(rows, road.name()).append('\t');
			DemoDataLoader.field(rows, road.kind()).append("\tdemo\t");
			rows.append("SRID=4326;").append(road.geometry().toText()).append('\n');
		}
		connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn("COPY road_edge (name, kind, origin, geom) FROM STDIN", new StringReader(rows.toString()));
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT gridmap_network_build_topology()");
			statement.execute("ANALYZE road_edge, road_vertex");
		}
		return roads.size();
	}

}
