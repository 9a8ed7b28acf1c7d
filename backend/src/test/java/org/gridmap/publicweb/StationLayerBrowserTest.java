package org.gridmap.publicweb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-circle layer on {@code /map} and the stations page in a real headless
 * Chromium: clicking a station draws its circle and its street-network area with the
 * served grids' shares side by side; the coverage view draws the uncovered households; a
 * station created in the page's form is stored and listed.
 */
class StationLayerBrowserTest extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static Browser browser;

	@Autowired
	DatabaseClient db;

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = Browser.start();
	}

	@AfterAll
	static void quitBrowser() throws IOException {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@AfterEach
	void removeCreated() {
		this.db.sql("DELETE FROM service_station WHERE name = '浏览器测试驿站'").then().block();
	}

	@Test
	void clickingAStationShowsItsCircleAndNetworkAreaWithGridShares() throws IOException {
		browser.open(baseUrl() + "/map?base=blank&lang=zh");
		WebDriverWait wait = new WebDriverWait(browser.driver, WAIT);
		wait.until((d) -> Boolean.TRUE.equals(browser.script("return !!(window.gridmap && window.gridmap.stations)")));
		// the stations arrive from the OGC collection; click ST001's marker (a
		// propagating
		// event, as a real click is, so that the stations layer hears it)
		wait.until((d) -> Boolean.TRUE.equals(browser
			.script("let found = false; window.gridmap.map.eachLayer((l) => { if (l.feature && l.feature.properties"
					+ " && l.feature.properties.code === 'ST001') { found = true; } }); return found;")));
		browser.script("window.gridmap.map.eachLayer((l) => { if (l.feature && l.feature.properties"
				+ " && l.feature.properties.code === 'ST001' && l.getLatLng) { l.fire('click', { latlng: l.getLatLng() }, true); } });");
		try {
			wait.until(
					ExpectedConditions.presenceOfElementLocated(By.cssSelector(".gm-sc-circle .gm-sc-grids tbody tr")));
		}
		catch (RuntimeException ex) {
			throw new AssertionError("No circle panel; panel: "
					+ browser.driver.findElement(By.cssSelector(".gm-sc-panel")).getText() + "; log: " + browser.log(),
					ex);
		}
		WebElement panel = browser.driver.findElement(By.cssSelector(".gm-sc-circle"));
		assertThat(panel.getAttribute("data-station")).isEqualTo("ST001");
		assertThat(panel.getText()).contains("半径 1,125 米").contains("沿路网步行可达");
		// both areas are drawn: the dashed circle and the network area
		assertThat(browser.driver.findElements(By.cssSelector("path.gm-circle"))).hasSize(1);
		assertThat(browser.driver.findElements(By.cssSelector("path.gm-network"))).isNotEmpty();
		List<WebElement> cells = browser.driver.findElements(By.cssSelector(".gm-sc-grids tbody tr:first-child td"));
		assertThat(cells).hasSize(3);
		assertThat(cells.get(1).getText()).matches("\\d+\\.\\d%");

		browser.driver.findElement(By.cssSelector(".gm-sc-coverage")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".gm-sc-cov-summary")));
		long uncovered = ((Number) browser.script("return window.gridmap.stations.state.coverage.uncoveredShown"))
			.longValue();
		assertThat(uncovered).isGreaterThan(1000);
		assertThat(browser.driver.findElement(By.cssSelector(".gm-sc-uncovered")).getText()).contains("未覆盖住址");

		browser.driver.findElement(By.cssSelector(".gm-sc-siting")).click();
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".gm-sc-sites li"), 3));
		assertThat(browser.driver.findElements(By.cssSelector(".gm-sc-site"))).hasSize(3);
		browser.screenshot(Path.of("/tmp/gridmap-station-layer.png"));
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void stationsPageCreatesAStationAndShowsFieldErrors() {
		browser.open(baseUrl() + "/stations?base=blank&lang=zh");
		WebDriverWait wait = new WebDriverWait(browser.driver, WAIT);
		wait.until((d) -> browser.driver.findElements(By.cssSelector("#gm-stp-rows tr")).size() == 40);

		WebElement form = browser.driver.findElement(By.id("gm-stp-form"));
		form.findElement(By.name("name")).sendKeys("浏览器测试驿站");
		new Select(form.findElement(By.name("type"))).selectByValue("暖新驿站");
		form.findElement(By.name("lon")).sendKeys("130.8");
		form.findElement(By.name("lat")).sendKeys("145.35");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		// the refused field is marked next to its input
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".gm-field-error[data-field='lat']")));

		form.findElement(By.name("lat")).clear();
		form.findElement(By.name("lat")).sendKeys("45.35");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until((d) -> browser.driver.findElements(By.cssSelector("#gm-stp-rows tr")).size() == 41);
		assertThat(browser.driver.findElement(By.id("gm-stp-rows")).getText()).contains("浏览器测试驿站");
		assertThat(browser.driver.findElement(By.id("gm-stp-message")).getText()).startsWith("已保存 ST");

		// an edit goes back with the ETag
		form.findElement(By.name("hours")).sendKeys("全天24小时");
		form.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until((d) -> browser.driver.findElement(By.id("gm-stp-rows")).getText().contains("全天24小时"));
		assertThat(this.db.sql("SELECT version FROM service_station WHERE name = '浏览器测试驿站'")
			.map((row, meta) -> row.get(0, Integer.class))
			.one()
			.block()).isEqualTo(2);
		assertThat(browser.severeErrors()).isEmpty();
	}

}
