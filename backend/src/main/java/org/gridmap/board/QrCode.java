package org.gridmap.board;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * A QR code (error correction level M: survives ~15 % damage, enough for a weathered
 * board) as one bit per module, written as SVG or PNG with the 4-module quiet zone that
 * ISO/IEC 18004 asks for. ZXing only encodes; the writing is done here so that no AWT
 * helper module of ZXing is needed.
 */
final class QrCode {

	static final int QUIET_ZONE = 4;

	private final BitMatrix modules;

	private QrCode(BitMatrix modules) {
		this.modules = modules;
	}

	static QrCode encode(String text) {
		try {
			// Size 0 and margin 0: one matrix cell per module, the quiet zone added on
			// writing.
			BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0,
							EncodeHintType.CHARACTER_SET, "UTF-8"));
			return new QrCode(matrix);
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("Cannot encode " + text.length() + " characters as a QR code", ex);
		}
	}

	/** Modules per side, without the quiet zone. */
	int size() {
		return this.modules.getWidth();
	}

	/**
	 * An SVG of one path: each horizontal run of dark modules is one rectangle in module
	 * units, so the image scales to any print size without blur.
	 */
	String svg() {
		int size = size();
		int side = size + 2 * QUIET_ZONE;
		StringBuilder path = new StringBuilder(size * size * 2);
		for (int y = 0; y < size; y++) {
			int x = 0;
			while (x < size) {
				if (!this.modules.get(x, y)) {
					x++;
					continue;
				}
				int start = x;
				while (x < size && this.modules.get(x, y)) {
					x++;
				}
				int run = x - start;
				path.append('M')
					.append(start + QUIET_ZONE)
					.append(' ')
					.append(y + QUIET_ZONE)
					.append('h')
					.append(run)
					.append("v1h-")
					.append(run)
					.append('z');
			}
		}
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				+ "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side + "\" width=\""
				+ side * 8 + "\" height=\"" + side * 8 + "\" shape-rendering=\"crispEdges\">"
				+ "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path
				+ "\"/></svg>\n";
	}

	/** A black-and-white PNG with {@code scale} pixels per module. */
	byte[] png(int scale) {
		int size = size();
		int side = (size + 2 * QUIET_ZONE) * scale;
		BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
		int white = 0xFFFFFF;
		int black = 0x000000;
		for (int py = 0; py < side; py++) {
			int y = py / scale - QUIET_ZONE;
			for (int px = 0; px < side; px++) {
				int x = px / scale - QUIET_ZONE;
				boolean dark = x >= 0 && y >= 0 && x < size && y < size && this.modules.get(x, y);
				image.setRGB(px, py, dark ? black : white);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
