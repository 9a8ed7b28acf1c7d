package org.gridmap.publicweb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The notice board page in a real headless Chromium, printed to PDF through the DevTools
 * protocol with the page's own {@code @page} size: one board is one A4 page, a street's
 * boards are one page each, {@code ?size=A3} prints on A3. The single-board PDF is kept
 * in {@code /tmp/gridmap-board.pdf} for looking at. Skipped only where Chromium is
 * missing outside CI.
 */
class BoardPageBrowserTest extends IntegrationTest {

	private static final Path PDF = Path.of("/tmp/gridmap-board.pdf");

	/** PDF points of A4 and A3 widths (210 mm, 297 mm), portrait. */
	private static final double A4_WIDTH = 595.3;

	private static final double A3_WIDTH = 841.9;

	private static Browser browser;

	private static ChromeDriver driver;

	@Autowired
	DatabaseClient db;

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = Browser.start();
		driver = browser.driver;
	}

	@AfterAll
	static void quitBrowser() throws IOException {
		if (browser != null) {
			browser.close();
			browser = null;
			driver = null;
		}
	}

	private String demoGrid() {
		return this.db.sql("SELECT code FROM grid WHERE valid_to = 'infinity' ORDER BY code OFFSET 5 LIMIT 1")
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
	}

	@Test
	void oneBoardShowsGridStaffAndQrCodeAndPrintsOnOneA4Page() throws IOException {
		String code = demoGrid();
		String firstStaff = this.db.sql(
				"SELECT name FROM grid_staff WHERE grid_code = $1 AND valid_to = 'infinity' ORDER BY sort_order, id LIMIT 1")
			.bind(0, code)
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		browser.open(baseUrl() + "/board/" + code + "?lang=zh");
		assertThat(awaitBoards()).isEqualTo(1);
		WebElement board = driver.findElement(By.cssSelector("section.gm-board"));
		assertThat(board.getText()).contains(code)
			.contains("网格公示牌")
			.contains(firstStaff)
			.contains("网格长")
			.contains("扫码查询网格");
		assertThat(board.findElements(By.cssSelector(".gm-staff-card a[href^='tel:']"))).isNotEmpty();
		assertThat(board.findElements(By.cssSelector(".gm-board-stations li"))).hasSize(3);
		assertThat(board.findElements(By.cssSelector(".gm-board-map path.leaflet-interactive, .gm-board-map path")))
			.isNotEmpty();
		assertThat((Long) browser.script("return document.querySelector('.gm-board-qr-image').naturalWidth"))
			.isPositive();
		assertThat(browser.severeErrors()).isEmpty();
		byte[] pdf = printToPdf();
		Files.write(PDF, pdf);
		assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		assertThat(pages(pdf)).isEqualTo(1);
		assertThat(firstPageWidth(pdf)).isCloseTo(A4_WIDTH, within(2.0));
	}

	@Test
	void streetBoardsPrintOnePagePerGrid() {
		String street = demoGrid().substring(0, 9);
		long grids = this.db.sql("SELECT count(*) FROM grid WHERE valid_to = 'infinity' AND left(code, 9) = $1")
			.bind(0, street)
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
		browser.open(baseUrl() + "/board?street=" + street + "&lang=zh");
		assertThat(awaitBoards()).isEqualTo(grids);
		assertThat(browser.script("return window.gridmapBoard.boards")).isEqualTo(grids);
		assertThat(driver.findElements(By.cssSelector("section.gm-board"))).hasSize((int) grids);
		assertThat(driver.findElements(By.cssSelector("section.gm-board .gm-board-map.leaflet-container")))
			.hasSize((int) grids);
		assertThat((Boolean) browser
			.script("return [...document.querySelectorAll('.gm-board-qr-image')].every((img) => img.naturalWidth > 0)"))
			.isTrue();
		assertThat(pages(printToPdf())).isEqualTo((int) grids);
	}

	@Test
	void a3SwitchPrintsTheBoardOnOneA3Page() {
		browser.open(baseUrl() + "/board/" + demoGrid() + "?size=A3");
		assertThat(awaitBoards()).isEqualTo(1);
		assertThat(driver.findElement(By.cssSelector("[data-size='A3']")).getAttribute("aria-pressed"))
			.isEqualTo("true");
		byte[] pdf = printToPdf();
		assertThat(pages(pdf)).isEqualTo(1);
		assertThat(firstPageWidth(pdf)).isCloseTo(A3_WIDTH, within(2.0));
	}

	@Test
	void englishBoardAndControlsHiddenInPrint() {
		browser.open(baseUrl() + "/board/" + demoGrid() + "?lang=en");
		awaitBoards();
		String text = driver.findElement(By.cssSelector("section.gm-board")).getText();
		assertThat(text).contains("Grid Notice Board")
			.contains("Scan to look up your grid")
			.contains("Grid head")
			.contains("Dispute mediation");
		assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
		try {
			assertThat(driver.findElement(By.cssSelector(".gm-board-controls")).isDisplayed()).isFalse();
		}
		finally {
			driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
		}
	}

	@Test
	void unknownGridShowsTheProblem() {
		browser.open(baseUrl() + "/board/999999999999999?lang=en");
		new WebDriverWait(driver, Duration.ofSeconds(15))
			.until((d) -> d.findElement(By.id("gm-status")).getText().contains("Could not load"));
		assertThat(driver.findElement(By.id("gm-status")).getText()).contains("999999999999999");
	}

	/** Waits for window.gridmapBoard.ready and answers the number of boards. */
	private static long awaitBoards() {
		try {
			Object boards = driver.executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					const wait = () => window.gridmapBoard
						? window.gridmapBoard.ready.then((n) => done(n), (e) => done('failed: ' + e.message))
						: setTimeout(wait, 50);
					wait();
					""");
			assertThat(boards).isInstanceOf(Long.class);
			return (Long) boards;
		}
		catch (RuntimeException | AssertionError ex) {
			throw new AssertionError("The boards did not load; browser log: " + browser.log(), ex);
		}
	}

	/** Chromium's own print to PDF, with the paper size the page's CSS asks for. */
	private static byte[] printToPdf() {
		Map<String, Object> result = driver.executeCdpCommand("Page.printToPDF",
				Map.of("preferCSSPageSize", true, "printBackground", true));
		return Base64.getDecoder().decode((String) result.get("data"));
	}

	/** Page objects in the PDF ({@code /Type /Page}, not {@code /Pages}). */
	private static int pages(byte[] pdf) {
		Matcher page = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])")
			.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
		int count = 0;
		while (page.find()) {
			count++;
		}
		return count;
	}

	private static double firstPageWidth(byte[] pdf) {
		Matcher box = Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)")
			.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
		assertThat(box.find()).isTrue();
		return Double.parseDouble(box.group(1));
	}

}
