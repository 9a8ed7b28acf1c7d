package org.gridmap.publicweb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The map pages in a real headless Chromium against the running service with the demo
 * district: every grid is drawn, a click shows the grid's notice board, the English
 * switch works, and the entry page shows the same map. Uses the blank base map, so no
 * tile server is needed. Skipped only where Chromium is missing outside CI.
 */
class MapPageBrowserTest extends IntegrationTest {

	private static final int DEMO_GRIDS = 146;

	private static final Path SCREENSHOT = Path.of("/tmp/gridmap-map.png");

	private static Browser browser;

	private static ChromeDriver driver;

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

	@Test
	void mapDrawsEveryGridOfTheDemoDistrict() throws IOException {
		open("/map?base=blank&lang=zh");
		awaitGrids();
		assertThat(driver.findElements(By.cssSelector("path.gm-grid"))).hasSize(DEMO_GRIDS);
		assertThat(driver.findElement(By.id("gm-status")).getText()).contains(DEMO_GRIDS + " 个网格");
		assertThat(driver.findElements(By.cssSelector(".gm-legend li"))).isNotEmpty();
		browser.screenshot(SCREENSHOT);
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void clickingAGridShowsItsNoticeBoard() {
		open("/map?base=blank&lang=zh");
		awaitGrids();
		WebElement grid = driver.findElements(By.cssSelector("path.gm-grid")).get(0);
		((JavascriptExecutor) driver).executeScript(
				"""
						const path = arguments[0];
						const box = path.getBoundingClientRect();
						const x = box.left + box.width / 2, y = box.top + box.height / 2;
						const target = document.elementFromPoint(x, y);
						const hit = target && target.classList && target.classList.contains('gm-grid') ? target : path;
						hit.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, clientX: x, clientY: y, view: window }));
						""",
				grid);
		WebElement popup = new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leaflet-popup .gm-board")));
		String text = popup.getText();
		assertThat(text).containsPattern(Pattern.compile("\\b\\d{15}\\b")).contains("网格长");
		assertThat(popup.findElements(By.cssSelector("a[href^='tel:']"))).isNotEmpty();
	}

	@Test
	void englishSwitchTranslatesTheLabels() {
		open("/map?base=blank&lang=en");
		awaitGrids();
		assertThat(driver.findElement(By.id("gm-status")).getText()).contains(DEMO_GRIDS + " grids");
		assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		WebElement button = driver.findElement(By.id("gm-lang"));
		assertThat(button.getText()).isEqualTo("中文");
		button.click();
		assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
		assertThat(driver.findElement(By.id("gm-status")).getText()).contains(DEMO_GRIDS + " 个网格");
	}

	@Test
	void entryPageShowsTheMap() {
		open("/?base=blank&lang=zh");
		awaitGrids();
		assertThat(driver.findElements(By.cssSelector("path.gm-grid"))).hasSize(DEMO_GRIDS);
		assertThat(driver.getTitle()).contains("Gridmap");
		assertThat(driver.findElements(By.cssSelector("a[href='/map']"))).isNotEmpty();
		assertThat(driver.findElements(By.cssSelector("a[href='/ogc']"))).isNotEmpty();
	}

	private void open(String path) {
		browser.open(baseUrl() + path);
	}

	private static void awaitGrids() {
		try {
			new WebDriverWait(driver, Duration.ofSeconds(30)).until((d) -> Long.valueOf(DEMO_GRIDS)
				.equals(((JavascriptExecutor) d).executeScript("return window.gridmap && window.gridmap.gridCount")));
		}
		catch (RuntimeException ex) {
			throw new AssertionError("The map did not draw " + DEMO_GRIDS + " grids; status line: " + statusLine()
					+ "; browser log: " + browser.log(), ex);
		}
	}

	private static String statusLine() {
		List<WebElement> status = driver.findElements(By.id("gm-status"));
		return status.isEmpty() ? "(none)" : status.get(0).getText();
	}

}
