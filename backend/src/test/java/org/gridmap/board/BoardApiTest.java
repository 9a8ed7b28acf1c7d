package org.gridmap.board;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/boards} and the board's QR code over HTTP against the demo district. The
 * QR code is checked by decoding it, from the PNG and from the SVG drawn into an image.
 */
class BoardApiTest extends IntegrationTest {

	@Autowired
	DatabaseClient db;

	/** A live demo grid. */
	private String demoGrid() {
		return this.db.sql("SELECT code FROM grid WHERE valid_to = 'infinity' ORDER BY code OFFSET 5 LIMIT 1")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
	}

	@Test
	void boardHasTheGridItsChainStaffWithPhonesNearestStationsAndOutline() {
		String code = demoGrid();
		this.http.get()
			.uri("/api/v1/boards/{code}", code)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.grid.code")
			.isEqualTo(code)
			.jsonPath("$.grid.name")
			.isNotEmpty()
			.jsonPath("$.grid.hotline")
			.isNotEmpty()
			.jsonPath("$.grid.duties")
			.value((String duties) -> assertThat(duties).contains("矛盾纠纷调解"))
			.jsonPath("$.grid.households")
			.value((Number households) -> assertThat(households.intValue()).isPositive())
			.jsonPath("$.community.code")
			.isEqualTo(code.substring(0, 12))
			.jsonPath("$.street.code")
			.isEqualTo(code.substring(0, 9))
			.jsonPath("$.district.code")
			.isEqualTo(code.substring(0, 6))
			.jsonPath("$.district.name")
			.isNotEmpty()
			.jsonPath("$.staff[0].role")
			.isEqualTo("grid_head")
			.jsonPath("$.staff[?(@.role == 'grid_head')].phone")
			.value((List<String> phones) -> assertThat(phones).hasSize(1).allMatch((p) -> p.matches("[0-9 +()-]+")))
			.jsonPath("$.staff[?(@.role == 'full_time')].phone")
			.value((List<String> phones) -> assertThat(phones).isNotEmpty().allMatch((p) -> !p.isBlank()))
			.jsonPath("$.staff[*].duties")
			.value((List<String> duties) -> assertThat(duties).allMatch((d) -> d != null && !d.isBlank()))
			.jsonPath("$.stations.length()")
			.isEqualTo(3)
			.jsonPath("$.stations[*].distanceMetres")
			.value((List<Number> metres) -> assertThat(metres.stream().map(Number::doubleValue).toList()).isSorted()
				.allMatch((m) -> m >= 0 && m < 30_000))
			.jsonPath("$.stations[0].name")
			.isNotEmpty()
			.jsonPath("$.geometry.type")
			.isEqualTo("MultiPolygon")
			.jsonPath("$.geometry.coordinates[0][0].length()")
			.value((Integer vertices) -> assertThat(vertices).isGreaterThanOrEqualTo(4))
			.jsonPath("$.bbox.length()")
			.isEqualTo(4)
			.jsonPath("$.bbox[0]")
			.value((Number minLon) -> assertThat(minLon.doubleValue()).isBetween(73.0, 136.0));
	}

	@Test
	void stationDistancesAreGeodesicFromInsideTheGrid() {
		String code = demoGrid();
		Number nearest = this.db.sql("""
				SELECT min(ST_Distance(s.geom::geography, ST_PointOnSurface(g.geom)::geography)) AS metres
				FROM grid g, service_station s WHERE g.code = $1 AND g.valid_to = 'infinity'""")
			.bind(0, code)
			.map((row, meta) -> row.get(0, Double.class))
			.one()
			.block();
		this.http.get()
			.uri("/api/v1/boards/{code}", code)
			.exchange()
			.expectBody()
			.jsonPath("$.stations[0].distanceMetres")
			.value((Number metres) -> assertThat(metres.longValue()).isEqualTo(Math.round(nearest.doubleValue())));
	}

	@Test
	void streetBatchHasEveryLiveGridOfTheStreetInCodeOrder() {
		String street = demoGrid().substring(0, 9);
		long grids = this.db.sql("SELECT count(*) FROM grid WHERE valid_to = 'infinity' AND left(code, 9) = $1")
			.bind(0, street)
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(grids).isGreaterThan(1);
		this.http.get()
			.uri("/api/v1/boards?street={street}", street)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.count")
			.isEqualTo((int) grids)
			.jsonPath("$.boards.length()")
			.isEqualTo((int) grids)
			.jsonPath("$.boards[*].grid.code")
			.value((List<String> codes) -> assertThat(codes).isSorted().allMatch((c) -> c.startsWith(street)))
			.jsonPath("$.boards[*].staff.length()")
			.value((List<Integer> staff) -> assertThat(staff).allMatch((n) -> n > 0));
	}

	@Test
	void communityBatchHasTheGridsOfTheCommunity() {
		String community = demoGrid().substring(0, 12);
		long grids = this.db.sql("SELECT count(*) FROM grid WHERE valid_to = 'infinity' AND community_code = $1")
			.bind(0, community)
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
		this.http.get()
			.uri("/api/v1/boards?community={community}", community)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.boards.length()")
			.isEqualTo((int) grids)
			.jsonPath("$.boards[*].community.code")
			.value((List<String> codes) -> assertThat(codes).containsOnly(community));
	}

	@Test
	void unknownGridIsANotFoundProblem() {
		this.http.get()
			.uri("/api/v1/boards/999999999999999")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gridmap:problem:unknown-grid")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("999999999999999"));
		this.http.get().uri("/board/999999999999999/qr.svg").exchange().expectStatus().isNotFound();
		this.http.get().uri("/api/v1/boards?street=999999999").exchange().expectStatus().isNotFound();
	}

	@Test
	void codesThatAreNotAllDigitsOfTheRightLengthAreBadRequests() {
		for (String uri : List.of("/api/v1/boards/23040200100100", "/api/v1/boards/2304020010010011",
				"/api/v1/boards/23040200100100x", "/api/v1/boards", "/api/v1/boards?street=23040200",
				"/api/v1/boards?community=2304020010011", "/api/v1/boards?street=230402001&community=230402001001",
				"/api/v1/boards/230402001001001?asOf=yesterday", "/board/2304020010010/qr.svg", "/board/abc/qr.png")) {
			this.http.get()
				.uri(uri)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:gridmap:problem:invalid-parameter")
				.jsonPath("$.parameter")
				.isNotEmpty();
		}
	}

	@Test
	void qrPngDecodesToTheLookupPageOfTheGrid() throws Exception {
		String code = demoGrid();
		byte[] png = this.http.get()
			.uri("/board/{code}/qr.png", code)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePublic())
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(decode(ImageIO.read(new ByteArrayInputStream(png)))).isEqualTo(lookupUrl(code));
	}

	@Test
	void qrSvgIsOnePathOfModulesThatDecodesToTheLookupPageOfTheGrid() throws Exception {
		String code = demoGrid();
		String svg = this.http.get()
			.uri("/board/{code}/qr.svg", code)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("image/svg+xml")
			.expectHeader()
			.valueEquals("Cache-Control", "max-age=86400, public")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(svg).contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
			.contains("shape-rendering=\"crispEdges\"")
			.containsOnlyOnce("<path");
		assertThat(decode(rasterise(svg, 6))).isEqualTo(lookupUrl(code));
	}

	private String lookupUrl(String code) {
		return baseUrl() + "/lookup?grid=" + code;
	}

	/**
	 * Draws the SVG's modules ({@code M x y h n v1 h-n z} runs in a viewBox of modules,
	 * quiet zone included) at scale pixels per module.
	 */
	private static BufferedImage rasterise(String svg, int scale) {
		Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
		assertThat(box.find()).isTrue();
		int side = Integer.parseInt(box.group(1));
		BufferedImage image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				image.setRGB(x, y, 0xFFFFFF);
			}
		}
		Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z").matcher(svg);
		int runs = 0;
		while (run.find()) {
			runs++;
			int x0 = Integer.parseInt(run.group(1));
			int y0 = Integer.parseInt(run.group(2));
			int n = Integer.parseInt(run.group(3));
			for (int y = y0 * scale; y < (y0 + 1) * scale; y++) {
				for (int x = x0 * scale; x < (x0 + n) * scale; x++) {
					image.setRGB(x, y, 0x000000);
				}
			}
		}
		assertThat(runs).isGreaterThan(50);
		return image;
	}

	private static String decode(BufferedImage image) throws Exception {
		Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new ImageLuminance(image))));
		return result.getText();
	}

	/**
	 * Grey levels of a BufferedImage for ZXing's reader (ZXing's own adapter is in its
	 * javase module, which the service does not need).
	 */
	private static final class ImageLuminance extends LuminanceSource {

		private final byte[] grey;

		ImageLuminance(BufferedImage image) {
			super(image.getWidth(), image.getHeight());
			this.grey = new byte[image.getWidth() * image.getHeight()];
			for (int y = 0; y < image.getHeight(); y++) {
				for (int x = 0; x < image.getWidth(); x++) {
					int rgb = image.getRGB(x, y);
					int level = (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
					this.grey[y * image.getWidth() + x] = (byte) level;
				}
			}
		}

		@Override
		public byte[] getRow(int y, byte[] row) {
			byte[] out = (row != null && row.length >= getWidth()) ? row : new byte[getWidth()];
			System.arraycopy(this.grey, y * getWidth(), out, 0, getWidth());
			return out;
		}

		@Override
		public byte[] getMatrix() {
			return this.grey;
		}

	}

}
