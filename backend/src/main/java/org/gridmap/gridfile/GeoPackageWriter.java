package org.gridmap.gridfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.contents.Contents;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.GeometryEnvelope;
import mil.nga.sf.GeometryType;

/**
 * Writes grids into a new GeoPackage file, table {@code grids}, geometry {@code geom}
 * (MultiPolygon, EPSG:4326) with the same attributes as the GeoJSON export, in one
 * transaction. The file is a temporary one that the caller streams and deletes. Blocking:
 * use it off the event loop.
 */
final class GeoPackageWriter implements AutoCloseable {

	static final String TABLE = "grids";

	private final GeoPackage gpkg;

	private final FeatureDao dao;

	private GeometryEnvelope extent;

	private int rows;

	GeoPackageWriter(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		GeoPackageManager.create(file.toFile());
		this.gpkg = GeoPackageManager.open(file.toFile());
		GeometryColumns geometry = new GeometryColumns();
		geometry.setTableName(TABLE);
		geometry.setColumnName("geom");
		geometry.setGeometryType(GeometryType.MULTIPOLYGON);
		geometry.setZ((byte) 0);
		geometry.setM((byte) 0);
		geometry.setSrsId(4326);
		List<FeatureColumn> columns = List.of(FeatureColumn.createColumn("code", GeoPackageDataType.TEXT),
				FeatureColumn.createColumn("name", GeoPackageDataType.TEXT),
				FeatureColumn.createColumn("type", GeoPackageDataType.TEXT),
				FeatureColumn.createColumn("households", GeoPackageDataType.INTEGER),
				FeatureColumn.createColumn("population", GeoPackageDataType.INTEGER),
				FeatureColumn.createColumn("communityCode", GeoPackageDataType.TEXT),
				FeatureColumn.createColumn("streetCode", GeoPackageDataType.TEXT),
				FeatureColumn.createColumn("validFrom", GeoPackageDataType.DATETIME));
		this.gpkg.createFeatureTable(FeatureTableMetadata.create(geometry, columns));
		this.dao = this.gpkg.getFeatureDao(TABLE);
		this.gpkg.beginTransaction();
	}

	void write(ExportRow grid) {
		try {
			GeoPackageGeometryData data = GeoPackageGeometryData.createFromWkbBuildEnvelopeAndWrite(4326, grid.wkb());
			FeatureRow row = this.dao.newRow();
			row.setGeometry(data);
			row.setValue("code", grid.code());
			row.setValue("name", grid.name());
			row.setValue("type", grid.type());
			row.setValue("households", (grid.households() != null) ? grid.households().longValue() : null);
			row.setValue("population", (grid.population() != null) ? grid.population().longValue() : null);
			row.setValue("communityCode", grid.communityCode());
			row.setValue("streetCode", grid.streetCode());
			row.setValue("validFrom", (grid.validFrom() != null) ? grid.validFrom().toInstant().toString() : null);
			this.dao.create(row);
			GeometryEnvelope envelope = data.getEnvelope();
			this.extent = (this.extent == null) ? envelope : this.extent.union(envelope);
			this.rows++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Commits the rows, then records the table's extent in {@code gpkg_contents} (the
	 * contents table is written through another connection, which the open transaction
	 * would lock out).
	 */
	void finish() {
		this.gpkg.endTransaction(true);
		if (this.extent == null) {
			return;
		}
		try {
			Contents contents = this.dao.getGeometryColumns().getContents();
			contents.setMinX(this.extent.getMinX());
			contents.setMinY(this.extent.getMinY());
			contents.setMaxX(this.extent.getMaxX());
			contents.setMaxY(this.extent.getMaxY());
			this.gpkg.getContentsDao().update(contents);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not record the GeoPackage extent", ex);
		}
	}

	int rows() {
		return this.rows;
	}

	@Override
	public void close() {
		if (this.gpkg.inTransaction()) {
			this.gpkg.endTransaction(false);
		}
		this.gpkg.close();
	}

}
