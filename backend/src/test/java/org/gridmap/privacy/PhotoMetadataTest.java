package org.gridmap.privacy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Photos are served and stored without metadata. The uploads carry it for real: a JPEG
 * with an APP1 Exif segment holding a TIFF IFD with the camera make and a GPS IFD
 * (latitude, longitude and their references, as phones write them), and a PNG with an
 * {@code eXIf} chunk (the same TIFF data) and {@code tEXt}/{@code iTXt} chunks. What
 * comes back, and what the table holds, has no APP1..APP15 segment, no metadata chunk and
 * none of the marker strings, and still decodes to the same size.
 */
class PhotoMetadataTest extends IntegrationTest {

	private static final String MAKE = "CanaryCamMake";

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DatabaseClient db;

	@Test
	void aJpegWithGpsExifIsServedWithoutAnyApplicationSegment() throws Exception {
		byte[] upload = jpegWithGpsExif();
		assertThat(jpegMarkers(upload)).contains(0xE1);
		assertThat(ImageIO.read(new ByteArrayInputStream(upload)).getWidth()).isEqualTo(80);
		byte[] served = uploadAndFetch(upload, "photo.jpg", MediaType.IMAGE_JPEG);
		List<Integer> markers = jpegMarkers(served);
		assertThat(markers).as("APP1..APP15 (Exif, XMP, ICC …)").noneMatch((m) -> m >= 0xE1 && m <= 0xEF);
		assertThat(markers).doesNotContain(0xFE); // COM
		assertThat(latin1(served)).doesNotContain("Exif").doesNotContain(MAKE);
		assertThat(ImageIO.read(new ByteArrayInputStream(served)).getWidth()).isEqualTo(80);
	}

	@Test
	void aPngWithExifAndTextChunksIsServedWithoutThem() throws Exception {
		byte[] upload = pngWithMetadata();
		assertThat(pngChunks(upload)).contains("eXIf", "tEXt", "iTXt");
		byte[] served = uploadAndFetch(upload, "photo.png", MediaType.IMAGE_PNG);
		List<String> chunks = pngChunks(served);
		assertThat(chunks).doesNotContain("eXIf", "tEXt", "iTXt", "zTXt", "tIME");
		assertThat(latin1(served)).doesNotContain(MAKE).doesNotContain("CanaryComment");
		assertThat(ImageIO.read(new ByteArrayInputStream(served)).getHeight()).isEqualTo(60);
	}

	/**
	 * Reports with the photo, fetches it as the detail links it; also checks the table.
	 */
	private byte[] uploadAndFetch(byte[] photo, String filename, MediaType type) {
		String matter = this.db.sql("SELECT min(code) FROM matter")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("report", this.json.writeValueAsString(
				Map.of("matter", matter, "description", "照片隐私", "lon", 130.80, "lat", 45.35, "channel", "app")));
		parts.part("photo", new ByteArrayResource(photo) {
			@Override
			public String getFilename() {
				return filename;
			}
		}).contentType(type);
		long id = this.json
			.readTree(this.http.post()
				.uri("/api/v1/incidents")
				.body(BodyInserters.fromMultipartData(parts.build()))
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody()
				.returnResult()
				.getResponseBody())
			.get("id")
			.asLong();
		JsonNode detail = this.json.readTree(this.http.get()
			.uri("/api/v1/incidents/" + id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		byte[] served = this.http.get()
			.uri(detail.get("photos").get(0).get("url").asString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(type)
			.expectBody()
			.returnResult()
			.getResponseBody();
		byte[] stored = this.db.sql("SELECT bytes FROM incident_photo WHERE incident_id = :id")
			.bind("id", id)
			.map((row, meta) -> row.get(0, byte[].class))
			.one()
			.block();
		assertThat(stored).as("what is stored is what is served").isEqualTo(served);
		return served;
	}

	private static byte[] jpegWithGpsExif() throws Exception {
		BufferedImage image = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
		image.getGraphics().setColor(Color.ORANGE);
		image.getGraphics().fillRect(10, 10, 30, 20);
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", plain);
		byte[] jpeg = plain.toByteArray();
		// After SOI and the JFIF APP0 segment, as cameras and phones place APP1.
		int app0End = 2 + 2 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
		byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiffWithGps());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, app0End);
		out.write(0xFF);
		out.write(0xE1);
		out.write((exif.length + 2) >> 8);
		out.write((exif.length + 2) & 0xff);
		out.write(exif);
		out.write(jpeg, app0End, jpeg.length - app0End);
		return out.toByteArray();
	}

	/**
	 * A big-endian TIFF header, IFD0 with Make and the GPS IFD pointer, and the GPS IFD
	 * with GPSLatitudeRef N, GPSLatitude 45°21'7.2", GPSLongitudeRef E, GPSLongitude
	 * 130°48'3.6".
	 */
	static byte[] tiffWithGps() {
		ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.BIG_ENDIAN);
		byte[] make = (MAKE + "\0").getBytes(StandardCharsets.ISO_8859_1);
		b.put("MM".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 42).putInt(8);
		// IFD0 at 8: 2 entries (2 + 2 × 12 + 4 = 30 bytes), then the make text at 38.
		int makeAt = 8 + 2 + 2 * 12 + 4;
		int gpsAt = makeAt + make.length + (make.length % 2);
		b.putShort((short) 2);
		b.putShort((short) 0x010F).putShort((short) 2).putInt(make.length).putInt(makeAt);
		b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsAt);
		b.putInt(0);
		b.put(make);
		if (make.length % 2 == 1) {
			b.put((byte) 0);
		}
		// GPS IFD: 4 entries (2 + 48 + 4 = 54 bytes), then two triples of rationals.
		int latAt = gpsAt + 2 + 4 * 12 + 4;
		int lonAt = latAt + 24;
		b.putShort((short) 4);
		b.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] { 'N', 0, 0, 0 });
		b.putShort((short) 2).putShort((short) 5).putInt(3).putInt(latAt);
		b.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] { 'E', 0, 0, 0 });
		b.putShort((short) 4).putShort((short) 5).putInt(3).putInt(lonAt);
		b.putInt(0);
		b.putInt(45).putInt(1).putInt(21).putInt(1).putInt(72).putInt(10);
		b.putInt(130).putInt(1).putInt(48).putInt(1).putInt(36).putInt(10);
		byte[] out = new byte[b.position()];
		b.flip();
		b.get(out);
		return out;
	}

	private static byte[] pngWithMetadata() throws Exception {
		BufferedImage image = new BufferedImage(90, 60, BufferedImage.TYPE_INT_RGB);
		image.getGraphics().fillRect(5, 5, 40, 40);
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		ImageIO.write(image, "png", plain);
		byte[] png = plain.toByteArray();
		// After the signature (8) and IHDR (4 + 4 + 13 + 4).
		int afterHeader = 8 + 25;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(png, 0, afterHeader);
		out.write(chunk("eXIf", tiffWithGps()));
		out.write(chunk("tEXt", "Comment\0CanaryComment GPS 45.3520N 130.8010E".getBytes(StandardCharsets.ISO_8859_1)));
		out.write(chunk("iTXt", ("Author\0\0\0\0\0" + MAKE).getBytes(StandardCharsets.UTF_8)));
		out.write(png, afterHeader, png.length - afterHeader);
		return out.toByteArray();
	}

	private static byte[] chunk(String type, byte[] data) {
		ByteBuffer b = ByteBuffer.allocate(12 + data.length);
		byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
		b.putInt(data.length).put(name).put(data);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		b.putInt((int) crc.getValue());
		return b.array();
	}

	/** The marker of every segment before the scan (SOS ends the walk). */
	static List<Integer> jpegMarkers(byte[] jpeg) {
		List<Integer> markers = new ArrayList<>();
		int at = 2;
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xFF) {
			int marker = jpeg[at + 1] & 0xff;
			markers.add(marker);
			if (marker == 0xDA) {
				break;
			}
			at += 2 + (((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff));
		}
		return markers;
	}

	static List<String> pngChunks(byte[] png) {
		List<String> chunks = new ArrayList<>();
		ByteBuffer b = ByteBuffer.wrap(png);
		b.position(8);
		while (b.remaining() >= 12) {
			int length = b.getInt();
			byte[] name = new byte[4];
			b.get(name);
			chunks.add(new String(name, StandardCharsets.ISO_8859_1));
			b.position(b.position() + length + 4);
		}
		return chunks;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = new byte[a.length + b.length];
		System.arraycopy(a, 0, out, 0, a.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	private static String latin1(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

}
