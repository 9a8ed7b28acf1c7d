package org.gridmap.incident;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A report photo, checked and re-encoded where it enters. Re-encoding keeps the pixels
 * and drops all metadata, so EXIF (GPS position, device, time) never reaches storage or
 * the public. Dimensions are read from the header before decoding, so a small file that
 * claims a gigapixel image is refused without allocating it.
 *
 * @param original the bytes as uploaded (for the idempotency fingerprint only)
 */
public record Photo(String contentType, int width, int height, byte[] bytes, byte[] original) {

	public static final int MAX_BYTES = 5 * 1024 * 1024;

	static final int MAX_SIDE = 8000;

	/**
	 * @throws IncidentProblem when the bytes are not a JPEG or PNG image within limits
	 */
	public static Photo of(byte[] upload) {
		if (upload.length == 0) {
			throw IncidentProblem.photoRejected("The photo is empty.");
		}
		if (upload.length > MAX_BYTES) {
			throw IncidentProblem.photoRejected("The photo is larger than " + (MAX_BYTES / 1024 / 1024) + " MB.");
		}
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
			Iterator<ImageReader> readers = (in != null) ? ImageIO.getImageReaders(in) : null;
			if (readers == null || !readers.hasNext()) {
				throw IncidentProblem.photoRejected("The photo is not an image (JPEG or PNG).");
			}
			ImageReader reader = readers.next();
			try {
				String format = reader.getFormatName().toLowerCase();
				if (!format.equals("jpeg") && !format.equals("png")) {
					throw IncidentProblem.photoRejected("Photos must be JPEG or PNG, not " + format + ".");
				}
				reader.setInput(in, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width > MAX_SIDE || height > MAX_SIDE) {
					throw IncidentProblem.photoRejected(
							"The photo is " + width + "×" + height + " pixels; at most " + MAX_SIDE + " a side.");
				}
				BufferedImage image = reader.read(0);
				return reencode(format, image, upload);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof IncidentProblem problem) {
				throw problem;
			}
			throw IncidentProblem.photoRejected("The photo could not be read as an image.");
		}
	}

	private static Photo reencode(String format, BufferedImage image, byte[] upload) throws IOException {
		BufferedImage pixels = image;
		if (format.equals("jpeg") && image.getColorModel().hasAlpha()) {
			pixels = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
			pixels.getGraphics().drawImage(image, 0, 0, null);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(upload.length);
		if (!ImageIO.write(pixels, format, out)) {
			throw IncidentProblem.photoRejected("The photo could not be re-encoded.");
		}
		return new Photo(format.equals("png") ? "image/png" : "image/jpeg", image.getWidth(), image.getHeight(),
				out.toByteArray(), upload);
	}

}
