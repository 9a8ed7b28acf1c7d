package org.gridmap.gridfile;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads a zipped ESRI Shapefile of polygons: {@code .shp} (shape types 5 Polygon, 15
 * PolygonZ and 25 PolygonM; Z and M are dropped), {@code .dbf} (dBase III attributes:
 * character, numeric, float, logical and date fields), {@code .prj} (the coordinate
 * system, see {@link SourceCrs#fromWkt}) and {@code .cpg} (the attributes' code page:
 * UTF-8, GBK/GB2312/CP936/GB18030, or any Java charset name). Without a {@code .cpg}, the
 * dBase language driver byte 0x4D (CP936) means GBK; otherwise each value is read as
 * UTF-8 and, where that is not valid UTF-8, as GBK. {@code .shx} is not needed and is
 * ignored, like other companions.
 * <p>
 * Both files are read as streams, side by side, never unpacked to disk. Entry names that
 * climb out of the archive ({@code ..}, absolute paths, drive letters) are refused
 * (zip-slip), as are archives of more than {@link GridfileLimits#MAX_ZIP_ENTRIES} entries
 * or more unpacked bytes than the file size limit, and archives with no or several
 * shapefiles. Rings follow the Shapefile rule: clockwise rings are exteriors,
 * counter-clockwise rings are holes of the exterior that contains them.
 */
final class ShapefileReader {

	private final GeometryFactory geometries = new GeometryFactory();

	private final Budget budget;

	private final long maxBytes;

	private final List<String> notes = new ArrayList<>();

	private long unpacked;

	ShapefileReader(Budget budget, long maxBytes) {
		this.budget = budget;
		this.maxBytes = maxBytes;
	}

	RawFile read(Path zip) {
		try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
			Map<String, ZipEntry> byExtension = entries(file);
			SourceCrs declared = null;
			if (byExtension.containsKey("prj")) {
				String wkt = new String(bytes(file, byExtension.get("prj"), 64 * 1024), StandardCharsets.UTF_8);
				try {
					declared = SourceCrs.fromWkt(wkt);
				}
				catch (IllegalArgumentException ex) {
					this.notes.add("The .prj was not recognised: " + ex.getMessage() + ".");
					declared = null;
				}
			}
			Charset charset = null;
			if (byExtension.containsKey("cpg")) {
				charset = charset(new String(bytes(file, byExtension.get("cpg"), 1024), StandardCharsets.US_ASCII));
			}
			try (DataInputStream shp = stream(file, byExtension.get("shp"));
					DataInputStream dbf = stream(file, byExtension.get("dbf"))) {
				return new RawFile("shapefile", declared, features(shp, new Dbf(dbf, charset)), this.notes);
			}
		}
		catch (java.util.zip.ZipException ex) {
			throw GridfileProblem.file("Not a readable zip archive: " + ex.getMessage() + ".");
		}
		catch (EOFException ex) {
			throw GridfileProblem.file("The shapefile ends in the middle of a record (truncated).");
		}
		catch (IOException ex) {
			throw GridfileProblem.file("The zip archive could not be read: " + ex.getMessage() + ".");
		}
	}

	/** The one shapefile's parts by extension, after the zip-slip and size checks. */
	private Map<String, ZipEntry> entries(ZipFile file) {
		Map<String, Map<String, ZipEntry>> byBase = new TreeMap<>();
		List<? extends ZipEntry> all = Collections.list(file.entries());
		if (all.size() > GridfileLimits.MAX_ZIP_ENTRIES) {
			throw GridfileProblem.tooLarge("zipEntries", GridfileLimits.MAX_ZIP_ENTRIES, "The zip holds " + all.size()
					+ " entries; a zipped shapefile needs at most " + GridfileLimits.MAX_ZIP_ENTRIES + ".");
		}
		for (ZipEntry entry : all) {
			String name = entry.getName();
			checkName(name);
			if (entry.isDirectory()) {
				continue;
			}
			String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
			if (name.startsWith("__MACOSX/") || last.startsWith(".") || !last.contains(".")) {
				continue;
			}
			String base = name.substring(0, name.lastIndexOf('.'));
			String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
			byBase.computeIfAbsent(base, (b) -> new LinkedHashMap<>()).put(extension, entry);
		}
		List<String> shapefiles = byBase.entrySet()
			.stream()
			.filter((e) -> e.getValue().containsKey("shp"))
			.map(Map.Entry::getKey)
			.toList();
		if (shapefiles.isEmpty()) {
			throw GridfileProblem.file("The zip holds no .shp file.");
		}
		if (shapefiles.size() > 1) {
			throw GridfileProblem.file("The zip holds " + shapefiles.size() + " shapefiles ("
					+ String.join(", ", shapefiles) + "); send one per file.");
		}
		Map<String, ZipEntry> parts = byBase.get(shapefiles.get(0));
		if (!parts.containsKey("dbf")) {
			throw GridfileProblem.file("The shapefile " + shapefiles.get(0) + " has no .dbf with its attributes.");
		}
		return parts;
	}

	/** Zip-slip: no entry may name a place outside the archive's own folder. */
	static void checkName(String name) {
		String normalised = name.replace('\\', '/');
		boolean climbs = false;
		for (String segment : normalised.split("/")) {
			climbs |= segment.equals("..");
		}
		if (climbs || normalised.startsWith("/") || normalised.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0) {
			throw GridfileProblem
				.file("The zip entry '" + GridfileProblem.abbreviate(name)
						+ "' points outside the archive (zip-slip); such archives are refused.")
				.with("entry", GridfileProblem.abbreviate(name));
		}
	}

	private byte[] bytes(ZipFile file, ZipEntry entry, int max) throws IOException {
		try (InputStream in = bounded(file.getInputStream(entry))) {
			byte[] data = in.readNBytes(max + 1);
			if (data.length > max) {
				throw GridfileProblem.file("The zip entry " + entry.getName() + " is larger than " + max + " bytes.");
			}
			return data;
		}
	}

	private DataInputStream stream(ZipFile file, ZipEntry entry) throws IOException {
		return new DataInputStream(new BufferedInputStream(bounded(file.getInputStream(entry)), 64 * 1024));
	}

	/** Counts unpacked bytes across all entries, against zip bombs. */
	private InputStream bounded(InputStream in) {
		return new java.io.FilterInputStream(in) {
			@Override
			public int read() throws IOException {
				int b = super.read();
				if (b >= 0) {
					count(1);
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = super.read(buffer, offset, length);
				if (n > 0) {
					count(n);
				}
				return n;
			}
		};
	}

	private void count(long n) {
		this.unpacked += n;
		if (this.unpacked > this.maxBytes) {
			throw GridfileProblem.tooLarge("bytes", this.maxBytes,
					"The zip unpacks to more than " + this.maxBytes + " bytes.");
		}
	}

	private List<RawFeature> features(DataInputStream shp, Dbf dbf) throws IOException {
		ByteBuffer header = ByteBuffer.wrap(shp.readNBytes(100));
		if (header.remaining() < 100 || header.order(ByteOrder.BIG_ENDIAN).getInt(0) != 9994) {
			throw GridfileProblem.file("The .shp file does not start with a Shapefile header.");
		}
		long length = 2L * header.getInt(24);
		int type = header.order(ByteOrder.LITTLE_ENDIAN).getInt(32);
		if (type != 5 && type != 15 && type != 25) {
			throw GridfileProblem
				.file("The shapefile holds shape type " + type + "; grids must be polygons (5, 15 or 25).");
		}
		if (type != 5) {
			this.notes.add("Shape type " + type + ": Z and M values were dropped.");
		}
		List<RawFeature> features = new ArrayList<>();
		long read = 100;
		while (read < length) {
			int recordNumber = shp.readInt();
			int contentBytes = 2 * shp.readInt();
			read += 8 + contentBytes;
			this.budget.feature();
			int index = this.budget.features();
			if (contentBytes < 4 || read > length) {
				throw GridfileProblem.feature(index, "record " + recordNumber + " has a bad length.");
			}
			ByteBuffer content = ByteBuffer.wrap(shp.readNBytes(contentBytes)).order(ByteOrder.LITTLE_ENDIAN);
			if (content.remaining() < contentBytes) {
				throw new EOFException();
			}
			Geometry geometry = shape(index, content);
			Map<String, Object> properties = dbf.next(index);
			features.add(new RawFeature(index, properties, geometry, 0, 0));
		}
		if (features.isEmpty()) {
			throw GridfileProblem.file("The shapefile has no records.");
		}
		if (dbf.records != features.size()) {
			throw GridfileProblem
				.file("The .dbf has " + dbf.records + " records but the .shp has " + features.size() + " shapes.");
		}
		if (dbf.fallbacks > 0) {
			this.notes.add("No .cpg: " + dbf.fallbacks + " attribute value(s) were not UTF-8 and were read as GBK.");
		}
		return features;
	}

	private Geometry shape(int index, ByteBuffer content) {
		int type = content.getInt(0);
		if (type == 0) {
			throw GridfileProblem.feature(index, "the shape is null; every grid needs a polygon.");
		}
		if (type != 5 && type != 15 && type != 25) {
			throw GridfileProblem.feature(index, "shape type " + type + " is not a polygon.");
		}
		if (content.limit() < 44) {
			throw GridfileProblem.feature(index, "the polygon record is truncated.");
		}
		int parts = content.getInt(36);
		int points = content.getInt(40);
		if (parts < 1 || points < 4 || parts > points) {
			throw GridfileProblem.feature(index,
					"the polygon has " + parts + " part(s) and " + points + " point(s); it is empty or malformed.");
		}
		this.budget.vertices(points);
		long needed = 44L + 4L * parts + 16L * points;
		if (needed > content.limit()) {
			throw GridfileProblem.feature(index, "the polygon record is shorter than its point count says.");
		}
		int[] starts = new int[parts + 1];
		for (int i = 0; i < parts; i++) {
			starts[i] = content.getInt(44 + 4 * i);
		}
		starts[parts] = points;
		int base = 44 + 4 * parts;
		List<LinearRing> shells = new ArrayList<>();
		List<LinearRing> holes = new ArrayList<>();
		for (int part = 0; part < parts; part++) {
			int from = starts[part];
			int to = starts[part + 1];
			if (from < 0 || to > points || to - from < 4 || (part == 0 && from != 0)) {
				throw GridfileProblem.feature(index, "ring " + (part + 1) + " has fewer than 4 points or bad bounds.");
			}
			Coordinate[] ring = new Coordinate[to - from];
			for (int i = from; i < to; i++) {
				double x = content.getDouble(base + 16 * i);
				double y = content.getDouble(base + 16 * i + 8);
				if (!Double.isFinite(x) || !Double.isFinite(y)) {
					throw GridfileProblem.feature(index,
							"ring " + (part + 1) + " has a coordinate that is not finite.");
				}
				ring[i - from] = new Coordinate(x, y);
			}
			if (!ring[0].equals2D(ring[ring.length - 1])) {
				throw GridfileProblem.feature(index, "ring " + (part + 1) + " is not closed.");
			}
			LinearRing linear = this.geometries.createLinearRing(ring);
			(Orientation.isCCW(ring) ? holes : shells).add(linear);
		}
		if (shells.isEmpty()) {
			// Counter-clockwise only: written against the rule; read the rings as
			// exteriors.
			shells.addAll(holes);
			holes.clear();
		}
		List<List<LinearRing>> holesOf = new ArrayList<>();
		List<Polygon> shellPolygons = new ArrayList<>();
		for (LinearRing shell : shells) {
			holesOf.add(new ArrayList<>());
			shellPolygons.add(this.geometries.createPolygon(shell));
		}
		for (LinearRing hole : holes) {
			int owner = 0;
			for (int i = 0; i < shellPolygons.size(); i++) {
				if (shellPolygons.get(i).getEnvelopeInternal().covers(hole.getEnvelopeInternal())
						&& shellPolygons.get(i).covers(hole.getStartPoint())) {
					owner = i;
					break;
				}
			}
			holesOf.get(owner).add(hole);
		}
		Polygon[] polygons = new Polygon[shells.size()];
		for (int i = 0; i < polygons.length; i++) {
			polygons[i] = this.geometries.createPolygon(shells.get(i), holesOf.get(i).toArray(new LinearRing[0]));
		}
		return (polygons.length == 1) ? polygons[0] : this.geometries.createMultiPolygon(polygons);
	}

	static Charset charset(String cpg) {
		String name = cpg.strip().toUpperCase(Locale.ROOT);
		return switch (name) {
			case "UTF-8", "UTF8", "65001" -> StandardCharsets.UTF_8;
			case "GBK", "CP936", "936", "GB2312", "GB18030", "CP54936", "54936" -> Charset.forName("GB18030");
			case "ISO-8859-1", "LATIN1", "88591", "8859_1", "ISO88591" -> StandardCharsets.ISO_8859_1;
			default -> {
				try {
					yield Charset.forName(name);
				}
				catch (RuntimeException ex) {
					throw GridfileProblem.file("The .cpg names the code page '" + GridfileProblem.abbreviate(name)
							+ "', which is not known; use UTF-8 or GBK.");
				}
			}
		};
	}

	/** A dBase III table read one record at a time. */
	private static final class Dbf {

		private final DataInputStream in;

		private final Charset charset;

		private final List<String> names = new ArrayList<>();

		private final List<Character> types = new ArrayList<>();

		private final List<Integer> lengths = new ArrayList<>();

		private final int records;

		private final int recordLength;

		private int read;

		private int fallbacks;

		Dbf(DataInputStream in, Charset cpg) throws IOException {
			this.in = in;
			ByteBuffer header = ByteBuffer.wrap(in.readNBytes(32)).order(ByteOrder.LITTLE_ENDIAN);
			if (header.limit() < 32) {
				throw GridfileProblem.file("The .dbf file is truncated.");
			}
			this.records = header.getInt(4);
			int headerLength = Short.toUnsignedInt(header.getShort(8));
			this.recordLength = Short.toUnsignedInt(header.getShort(10));
			int languageDriver = Byte.toUnsignedInt(header.get(29));
			this.charset = (cpg != null) ? cpg : (languageDriver == 0x4D) ? Charset.forName("GB18030") : null;
			int consumed = 32;
			int width = 1;
			while (true) {
				int first = in.readUnsignedByte();
				consumed++;
				if (first == 0x0D) {
					break;
				}
				byte[] descriptor = new byte[32];
				descriptor[0] = (byte) first;
				in.readFully(descriptor, 1, 31);
				consumed += 31;
				int end = 0;
				while (end < 11 && descriptor[end] != 0) {
					end++;
				}
				this.names.add(decode(java.util.Arrays.copyOf(descriptor, end)).strip());
				this.types.add((char) descriptor[11]);
				int length = Byte.toUnsignedInt(descriptor[16]);
				this.lengths.add(length);
				width += length;
				if (this.names.size() > 255 || consumed > headerLength) {
					throw GridfileProblem.file("The .dbf header is malformed.");
				}
			}
			if (this.records < 0 || width != this.recordLength || headerLength < consumed) {
				throw GridfileProblem.file("The .dbf header is malformed (record length " + this.recordLength
						+ ", fields add up to " + width + ").");
			}
			in.skipNBytes(headerLength - consumed);
		}

		Map<String, Object> next(int index) throws IOException {
			if (this.read >= this.records) {
				throw GridfileProblem.feature(index, "the .dbf has fewer records than the .shp has shapes.");
			}
			this.read++;
			byte[] record = this.in.readNBytes(this.recordLength);
			if (record.length < this.recordLength) {
				throw new EOFException();
			}
			Map<String, Object> properties = new LinkedHashMap<>();
			int offset = 1;
			for (int f = 0; f < this.names.size(); f++) {
				int length = this.lengths.get(f);
				byte[] raw = java.util.Arrays.copyOfRange(record, offset, offset + length);
				offset += length;
				String text = decode(raw).strip();
				char type = Character.toUpperCase(this.types.get(f));
				Object value = switch (type) {
					case 'N', 'F' -> (text.isEmpty() || text.startsWith("*")) ? null : number(index, text);
					case 'L' -> text.isEmpty() || text.equals("?") ? null : "YyTt".indexOf(text.charAt(0)) >= 0;
					default -> text.isEmpty() ? null : text;
				};
				properties.put(this.names.get(f), value);
			}
			return properties;
		}

		private Object number(int index, String text) {
			try {
				return text.contains(".") ? (Object) Double.valueOf(text) : (Object) Long.valueOf(text);
			}
			catch (NumberFormatException ex) {
				throw GridfileProblem.feature(index,
						"the .dbf number '" + GridfileProblem.abbreviate(text) + "' is not a number.");
			}
		}

		private String decode(byte[] raw) {
			if (this.charset != null) {
				return new String(raw, this.charset);
			}
			try {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(raw))
					.toString();
			}
			catch (CharacterCodingException ex) {
				this.fallbacks++;
				return new String(raw, Charset.forName("GB18030"));
			}
		}

	}

}
