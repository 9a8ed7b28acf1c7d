package org.gridmap.publicweb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gridmap.IntegrationTest;
import org.gridmap.geo.ChinaCoordinates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resident's page {@code /lookup} in a headless Chromium emulating a phone (390×844)
 * against the running service with the demo district: address search, a tap on the map,
 * the phone's location, shared URLs, a report with its tracking code, and user text never
 * run as script. Uses the blank base map, so no tile server is needed.
 */
class LookupPageBrowserTest extends IntegrationTest {

	private static final Path SCREENSHOT = Path.of("/tmp/gridmap-lookup.png");

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static Browser browser;

	private static ChromeDriver driver;

	@Autowired
	DatabaseClient db;

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = Browser.startPhone();
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

	@Test
	void searchingAnAddressShowsItsGridAndStaff() throws IOException {
		Map<String, Object> row = this.db
			.sql("SELECT address, compound, building, grid_code FROM address ORDER BY id LIMIT 1 OFFSET 777")
			.fetch()
			.one()
			.block();
		String address = (String) row.get("address");
		String typed = (row.get("compound") != null && row.get("building") != null)
				? row.get("compound") + "" + row.get("building")
				: address.substring(Math.max(0, address.length() - 10));
		open("/lookup?base=blank&lang=zh");
		assertThat(driver.getTitle()).contains("网格");
		WebElement box = driver.findElement(By.id("lk-q"));
		box.click();
		box.sendKeys(typed);
		WebElement first = wait(WAIT)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#lk-suggestions .lk-suggestion")));
		List<WebElement> suggestions = driver.findElements(By.cssSelector("#lk-suggestions .lk-suggestion"));
		assertThat(suggestions).hasSizeBetween(1, 8);
		assertThat(suggestions.stream().map(WebElement::getText)).anyMatch((text) -> text.contains(typed));
		String chosen = first.findElement(By.className("lk-suggestion-address")).getText();
		String expectedGrid = this.db.sql("SELECT grid_code FROM address WHERE address = :a ORDER BY id LIMIT 1")
			.bind("a", chosen)
			.map((r) -> r.get(0, String.class))
			.one()
			.block();
		first.click();
		WebElement answer = awaitGrid(expectedGrid);
		assertThat(answer.getText()).contains(expectedGrid).contains("网格长").contains(chosen);
		assertThat(answer.findElements(By.cssSelector("a[href^='tel:']"))).isNotEmpty();
		assertThat(driver.getCurrentUrl()).contains("lon=").contains("lat=");
		awaitOutline();
		awaitMapAtRest();
		browser.screenshot(SCREENSHOT);
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void tappingTheMapLooksUpThatPoint() {
		GridPoint point = interiorPoint(40);
		open("/lookup?base=blank&lang=zh");
		awaitIdle();
		browser.script("window.gridmapLookup.map.setView([arguments[0], arguments[1]], 16, { animate: false });",
				point.lat(), point.lon());
		WebElement mapEl = driver.findElement(By.id("lk-map"));
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", mapEl);
		@SuppressWarnings("unchecked")
		Map<String, Object> pixel = (Map<String, Object>) browser.script("""
				const m = window.gridmapLookup.map;
				const p = m.latLngToContainerPoint([arguments[0], arguments[1]]);
				const box = m.getContainer().getBoundingClientRect();
				return { x: p.x - box.width / 2, y: p.y - box.height / 2 };
				""", point.lat(), point.lon());
		new Actions(driver)
			.moveToElement(mapEl, (int) Math.round(((Number) pixel.get("x")).doubleValue()),
					(int) Math.round(((Number) pixel.get("y")).doubleValue()))
			.click()
			.perform();
		WebElement answer = awaitGrid(point.code());
		assertThat(answer.findElements(By.cssSelector("a[href^='tel:']"))).isNotEmpty();
		assertThat(driver.getCurrentUrl()).contains("lon=").contains("lat=");
	}

	@Test
	void myLocationUsesTheGeolocation() {
		GridPoint point = interiorPoint(90);
		open("/lookup?base=blank&lang=zh");
		awaitIdle();
		driver.executeCdpCommand("Browser.grantPermissions",
				Map.of("origin", baseUrl(), "permissions", List.of("geolocation")));
		driver.executeCdpCommand("Emulation.setGeolocationOverride",
				Map.of("latitude", point.lat(), "longitude", point.lon(), "accuracy", 10));
		try {
			driver.findElement(By.id("lk-locate")).click();
			WebElement answer = awaitGrid(point.code());
			assertThat(answer.findElements(By.cssSelector("a[href^='tel:']"))).isNotEmpty();
		}
		finally {
			driver.executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());
		}
	}

	@Test
	void sharedUrlRestoresTheAnswer() {
		GridPoint point = interiorPoint(120);
		open("/lookup?base=blank&lang=zh&lon=" + point.lon() + "&lat=" + point.lat());
		awaitGrid(point.code());
		awaitOutline();

		// a link shared from WeChat or a Chinese map app: GCJ-02, passed on to the lookup
		double[] gcj = ChinaCoordinates.wgs84ToGcj02(point.lon(), point.lat());
		open("/lookup?base=blank&lang=zh&crs=GCJ-02&lon=" + gcj[0] + "&lat=" + gcj[1]);
		awaitGrid(point.code());
		assertThat(driver.getCurrentUrl()).contains("crs=GCJ-02");

		GridPoint other = interiorPoint(7);
		open("/lookup?base=blank&lang=en&grid=" + other.code());
		WebElement answer = awaitGrid(other.code());
		assertThat(answer.getText()).contains("Grid head");
		awaitOutline();
		assertThat(driver.getCurrentUrl()).contains("grid=" + other.code()).doesNotContain("lon=");

		open("/lookup?base=blank&lang=en&grid=999999999999999");
		wait(WAIT).until((d) -> d.findElement(By.id("lk-answer-body")).getText().contains("999999999999999"));
	}

	@Test
	void reportIsSubmittedAndFollowedByItsTrackingCode() throws IOException {
		GridPoint point = interiorPoint(60);
		String description = "楼道灯不亮了 " + UUID.randomUUID();
		open("/lookup?base=blank&lang=zh&lon=" + point.lon() + "&lat=" + point.lat());
		awaitGrid(point.code());
		String code = submitReport(description, true);
		browser.screenshot(Path.of("/tmp/gridmap-lookup-report.png"));
		assertThat(code).matches("[A-Z0-9-]{6,40}");
		Long count = this.db.sql("SELECT count(*) FROM incident WHERE description = :d")
			.bind("d", description)
			.map((r) -> r.get(0, Long.class))
			.one()
			.block();
		assertThat(count).isEqualTo(1L);
		Map<String, Object> stored = this.db
			.sql("SELECT tracking_code, grid_code, channel FROM incident WHERE description = :d")
			.bind("d", description)
			.fetch()
			.one()
			.block();
		assertThat(stored).containsEntry("tracking_code", code)
			.containsEntry("grid_code", point.code())
			.containsEntry("channel", "app");
		this.http.get()
			.uri("/api/v1/incidents/track/" + code)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.trackingCode")
			.isEqualTo(code);

		open("/lookup?base=blank&lang=zh&track=" + code);
		WebElement status = wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("tr-status")));
		assertThat(status.getText()).isEqualTo("已受理");
		assertThat(driver.findElement(By.id("tr-result")).getText()).contains(code).doesNotContain(description);
		assertThat(driver.findElements(By.cssSelector("#tr-result .lk-timeline li"))).isNotEmpty();
		browser.screenshot(Path.of("/tmp/gridmap-lookup-track.png"));
		open("/lookup?base=blank&lang=en&track=" + code);
		wait(WAIT).until(ExpectedConditions.textToBe(By.id("tr-status"), "Reported"));
	}

	@Test
	void scriptInUserTextIsNeverExecuted() {
		GridPoint point = interiorPoint(30);
		open("/lookup?base=blank&lang=zh&lon=" + point.lon() + "&lat=" + point.lat());
		awaitGrid(point.code());
		String code = submitReport("<img src=x onerror=\"window.pwned=1\"> 井盖冒水", false);
		open("/lookup?base=blank&lang=zh&track=" + code);
		wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("tr-status")));

		WebElement box = driver.findElement(By.id("lk-q"));
		box.sendKeys("<script>alert(1)</script>");
		wait(WAIT).until((d) -> {
			String text = d.findElement(By.id("lk-search-status")).getText();
			return !text.isEmpty() && !text.contains("正在搜索");
		});
		box.sendKeys("<img src=x onerror=\"window.pwned=1\">");
		wait(WAIT).until((d) -> {
			String text = d.findElement(By.id("lk-search-status")).getText();
			return !text.isEmpty() && !text.contains("正在搜索");
		});
		assertThat(ExpectedConditions.alertIsPresent().apply(driver)).isNull();
		assertThat(browser.script("return window.pwned === undefined")).isEqualTo(true);
		assertThat(driver.findElements(By.cssSelector("main script, main img:not(.leaflet-tile)"))).isEmpty();
	}

	/**
	 * Fills and submits the report form (twice quickly when doubleTap), returns the
	 * tracking code.
	 */
	private String submitReport(String description, boolean doubleTap) {
		WebElement matter = wait(WAIT).until((d) -> {
			WebElement select = d.findElement(By.id("rp-matter"));
			return (select.findElements(By.cssSelector("option[value]:not([value=''])")).isEmpty()) ? null : select;
		});
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", matter);
		new Select(matter).selectByIndex(1);
		driver.findElement(By.id("rp-description")).sendKeys(description);
		driver.findElement(By.id("rp-name")).sendKeys("张三");
		driver.findElement(By.id("rp-phone")).sendKeys("13800000000");
		assertThat(driver.findElement(By.id("rp-location")).getText()).contains("东经");
		WebElement submit = driver.findElement(By.id("rp-submit"));
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", submit);
		if (doubleTap) {
			// a real tap, then a second submission at once (as a double tap or a retry
			// would)
			submit.click();
			browser.script("document.getElementById('rp-form').requestSubmit();"
					+ "document.getElementById('rp-submit').click();");
		}
		else {
			submit.click();
		}
		WebElement code = wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("rp-tracking-code")));
		assertThat(driver.findElement(By.cssSelector("#rp-receipt a[href^='/lookup?track=']")).getAttribute("href"))
			.endsWith("/lookup?track=" + code.getText());
		return code.getText();
	}

	private GridPoint interiorPoint(int offset) {
		return this.db.sql("""
				SELECT code, ST_X(p) AS lon, ST_Y(p) AS lat
				FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM grid
				      WHERE valid_from <= now() AND valid_to > now()) g
				ORDER BY code LIMIT 1 OFFSET :offset
				""")
			.bind("offset", offset)
			.map((r) -> new GridPoint(r.get("code", String.class), r.get("lon", Double.class),
					r.get("lat", Double.class)))
			.one()
			.block();
	}

	private void open(String path) {
		browser.open(baseUrl() + path);
	}

	private static WebDriverWait wait(Duration timeout) {
		return new WebDriverWait(driver, timeout);
	}

	private static void awaitIdle() {
		wait(WAIT).until((d) -> Boolean.TRUE.equals(
				((JavascriptExecutor) d).executeScript("return !!window.gridmapLookup && window.gridmapLookup.idle")));
	}

	/** Waits for the answer showing the grid with this code and returns it. */
	private static WebElement awaitGrid(String code) {
		try {
			return wait(WAIT).until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#lk-answer-body .lk-grid[data-grid-code='" + code + "']")));
		}
		catch (RuntimeException ex) {
			throw new AssertionError(
					"The answer did not show grid " + code + "; answer: "
							+ driver.findElement(By.id("lk-answer-body")).getText() + "; browser log: " + browser.log(),
					ex);
		}
	}

	private static void awaitMapAtRest() {
		wait(WAIT).until((d) -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
				"const m = window.gridmapLookup.map; return !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress);")));
	}

	private static void awaitOutline() {
		wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("path.lk-outline")));
	}

	record GridPoint(String code, double lon, double lat) {
	}

}
