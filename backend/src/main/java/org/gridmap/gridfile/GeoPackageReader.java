package org.gridmap.gridfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads the polygons of one feature table of a GeoPackage (OGC 12-128r18) with the NGA
 * GeoPackage library: the only feature table, or the one named {@code grids} when there
 * are several. The table's spatial reference system is the file's declaration: an EPSG
 * organisation code, else its WKT definition ({@link SourceCrs#fromWkt}); "undefined"
 * systems (ids 0 and -1) declare nothing. Z and M are dropped. The file is opened read
 * only by SQLite and closed before anything else happens.
 */
final class GeoPackageReader {

	private final Budget budget;

	private final List<String> notes = new ArrayList<>();

	GeoPackageReader(Budget budget) {
		this.budget = budget;
	}

	RawFile read(Path file) {
		GeoPackage gpkg;
		try {
			gpkg = GeoPackageManager.open(file.getFileName().toString(), false, file.toFile(), true);
		}
		catch (RuntimeException ex) {
			throw GridfileProblem.file("Not a readable GeoPackage: " + message(ex) + ".");
		}
		try {
			String table = table(gpkg);
			FeatureDao dao = gpkg.getFeatureDao(table);
			SourceCrs declared = declared(dao);
			// Counted before reading, so an over-large table costs nothing.
			this.budget.expectFeatures(dao.count());
			List<RawFeature> features = new ArrayList<>();
			WKBReader wkb = new WKBReader(new GeometryFactory());
			boolean zm = false;
			FeatureResultSet rows = dao.queryForAll();
			try {
				while (rows.moveToNext()) {
					this.budget.feature();
					int index = this.budget.features();
					FeatureRow row = rows.getRow();
					GeoPackageGeometryData data = row.getGeometry();
					if (data == null || data.isEmpty()) {
						throw GridfileProblem.feature(index,
								"the geometry is null or empty; every grid needs a polygon.");
					}
					Geometry geometry = wkb.read(data.getWkb());
					this.budget.vertices(geometry.getNumPoints());
					if (!(geometry instanceof Polygon) && !(geometry instanceof MultiPolygon)) {
						throw GridfileProblem.feature(index, "the geometry is a " + geometry.getGeometryType()
								+ "; grids are Polygon or MultiPolygon.");
					}
					if (geometry.isEmpty()) {
						throw GridfileProblem.feature(index, "the geometry is empty; every grid needs a polygon.");
					}
					zm |= data.getGeometry().hasZ() || data.getGeometry().hasM();
					Map<String, Object> properties = new LinkedHashMap<>();
					String geometryColumn = dao.getGeometryColumnName();
					for (String column : row.getColumnNames()) {
						if (!column.equalsIgnoreCase(geometryColumn)) {
							properties.put(column, row.getValue(column));
						}
					}
					features.add(new RawFeature(index, properties, geometry, 0, 0));
				}
			}
			finally {
				rows.close();
			}
			if (features.isEmpty()) {
				throw GridfileProblem.file("The GeoPackage table '" + table + "' has no features.");
			}
			if (zm) {
				this.notes.add("Z and M values were dropped.");
			}
			return new RawFile("gpkg", declared, features, this.notes);
		}
		catch (ParseException | IOException ex) {
			throw GridfileProblem.file("A geometry in the GeoPackage could not be read: " + ex.getMessage() + ".");
		}
		catch (GridfileProblem ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw GridfileProblem.file("The GeoPackage could not be read: " + message(ex) + ".");
		}
		finally {
			gpkg.close();
		}
	}

	private static String table(GeoPackage gpkg) {
		List<String> tables = gpkg.getFeatureTables();
		if (tables.isEmpty()) {
			throw GridfileProblem.file("The GeoPackage has no feature table.");
		}
		if (tables.size() == 1) {
			return tables.get(0);
		}
		return tables.stream()
			.filter((t) -> t.toLowerCase(Locale.ROOT).equals("grids"))
			.findFirst()
			.orElseThrow(() -> GridfileProblem.file("The GeoPackage has " + tables.size() + " feature tables ("
					+ String.join(", ", tables) + "); name the one to import 'grids' or send it alone."));
	}

	private SourceCrs declared(FeatureDao dao) {
		SpatialReferenceSystem srs = dao.getSrs();
		if (srs == null || srs.getSrsId() <= 0) {
			return null;
		}
		try {
			if ("EPSG".equalsIgnoreCase(srs.getOrganization()) && srs.getOrganizationCoordsysId() > 0) {
				return SourceCrs.epsg((int) srs.getOrganizationCoordsysId());
			}
			return SourceCrs.fromWkt(srs.getDefinition());
		}
		catch (IllegalArgumentException ex) {
			this.notes.add("The GeoPackage's coordinate system was not recognised: " + ex.getMessage() + ".");
			return null;
		}
	}

	private static String message(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return GridfileProblem.abbreviate(String.valueOf(root.getMessage()));
	}

}
