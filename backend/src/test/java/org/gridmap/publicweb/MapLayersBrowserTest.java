package org.gridmap.publicweb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analysis layers of {@code /map} in a real headless Chromium over the demo district:
 * the hotspot layer draws Gi* hexagons with its legend and follows the zoom; the grid
 * choropleth draws every grid in its quantile colours with a legend that matches; the
 * incident markers stay on top and clickable; categories narrow the layer; the English
 * switch relabels the legend.
 */
class MapLayersBrowserTest extends IntegrationTest {

	private static final Path SCREENSHOT_HOTSPOTS = Path.of("/tmp/gridmap-hotspots.png");

	private static final Path SCREENSHOT_RATES = Path.of("/tmp/gridmap-rates.png");

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Set<String> RATE_COLOURS = Set.of("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026",
			"#d9d9d9");

	private static Browser browser;

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

	@Test
	void theHotspotLayerDrawsClassedHexagonsWithALegendAndKeepsMarkersUsable() throws IOException {
		openMap();
		choose("hotspots");
		awaitLayer("hotspots");
		List<WebElement> hexes = browser.driver.findElements(By.cssSelector("path.gm-hex"));
		assertThat(hexes).isNotEmpty();
		// the demo district's four generated hotspots come out hot
		assertThat(browser.driver.findElements(By.cssSelector("path.gm-hex-hot-99, path.gm-hex-hot-95"))).isNotEmpty();
		WebElement legend = browser.driver.findElement(By.cssSelector(".gm-hotspot-legend"));
		assertThat(legend.isDisplayed()).isTrue();
		assertThat(legend.getText()).contains("热点（99% 置信）", "冷点（90% 置信）", "不显著", "Benjamini-Hochberg", "6 格");
		assertThat(legend.findElements(By.cssSelector("li"))).hasSize(7);
		assertThat(browser.driver.getCurrentUrl()).contains("layer=hotspots");
		assertMarkersOnTop();

		String cellBefore = cellLine();
		browser.script("window.gridmap.map.zoomIn(1, { animate: false })");
		new WebDriverWait(browser.driver, WAIT).until((d) -> !cellLine().equals(cellBefore));
		awaitLayer("hotspots");
		assertThat(browser.driver.findElements(By.cssSelector("path.gm-hex"))).isNotEmpty();
		browser.screenshot(SCREENSHOT_HOTSPOTS);
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void theChoroplethColoursEveryGridByItsRateClassWithAMatchingLegend() throws IOException {
		openMap();
		choose("hotspots");
		awaitLayer("hotspots");
		choose("rates");
		awaitLayer("rates");
		List<WebElement> grids = browser.driver.findElements(By.cssSelector("path.gm-choro"));
		assertThat(grids).hasSize(146);
		assertThat(browser.driver.findElements(By.cssSelector("path.gm-hex"))).isEmpty();
		Set<String> fills = new HashSet<>();
		for (WebElement grid : grids) {
			fills.add(grid.getAttribute("fill"));
		}
		assertThat(RATE_COLOURS).containsAll(fills);
		assertThat(fills).hasSizeGreaterThanOrEqualTo(5);
		WebElement legend = browser.driver.findElement(By.cssSelector(".gm-rate-legend"));
		assertThat(legend.getText()).contains("每千户事件数", "五分位");
		assertThat(legend.findElements(By.cssSelector("li[data-class]"))).hasSize(6);
		assertThat(browser.driver.findElements(By.cssSelector(".gm-hotspot-legend"))).isEmpty();
		assertMarkersOnTop();
		browser.screenshot(SCREENSHOT_RATES);

		long before = incidentsInStatus();
		String department = (String) browser
			.script("return document.querySelector('#gm-analysis select[name=category] option[value^=\"d:\"]').value");
		browser.script("""
				const select = document.querySelector('#gm-analysis select[name=category]');
				select.value = arguments[0];
				select.dispatchEvent(new Event('change', { bubbles: true }));
				""", department);
		new WebDriverWait(browser.driver, WAIT).until((d) -> incidentsInStatus() != before);
		assertThat(incidentsInStatus()).isLessThan(before);

		browser.driver.findElement(By.id("gm-lang")).click();
		new WebDriverWait(browser.driver, WAIT).until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector(".gm-rate-legend"), "Incidents per 1,000 households"));
		assertThat(browser.driver.findElement(By.id("gm-analysis")).getText()).contains("Analysis layers");
		choose("none");
		new WebDriverWait(browser.driver, WAIT)
			.until((d) -> d.findElements(By.cssSelector("path.gm-choro, .gm-layer-legend")).isEmpty());
		assertThat(browser.severeErrors()).isEmpty();
	}

	private void openMap() {
		browser.open(baseUrl() + "/map?base=blank&lang=zh");
		try {
			new WebDriverWait(browser.driver, WAIT).until((d) -> Boolean.TRUE.equals(
					browser.script("return !!(window.gridmap && window.gridmap.layers && window.gridmap.incidents)")));
			Object outcome = ((JavascriptExecutor) browser.driver).executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					Promise.all([window.gridmap.ready, window.gridmap.incidents.ready])
					  .then(() => done('ok'), (e) => done('failed: ' + (e && e.message)));
					""");
			assertThat(outcome).isEqualTo("ok");
		}
		catch (RuntimeException ex) {
			throw new AssertionError("The map did not load; browser log: " + browser.log(), ex);
		}
	}

	private static void choose(String layer) {
		browser.driver.findElement(By.cssSelector("#gm-analysis label[data-layer='" + layer + "'] input")).click();
	}

	private static void awaitLayer(String layer) {
		Object outcome;
		try {
			outcome = ((JavascriptExecutor) browser.driver).executeAsyncScript(
					"""
							const done = arguments[arguments.length - 1];
							window.gridmap.layers.ready().then(() => done(window.gridmap.layers.active), (e) => done('failed: ' + e));
							""");
		}
		catch (RuntimeException ex) {
			throw new AssertionError("The " + layer + " layer did not load; browser log: " + browser.log(), ex);
		}
		assertThat(outcome).isEqualTo(layer);
		String status = browser.driver.findElement(By.cssSelector("#gm-analysis .gm-analysis-status")).getText();
		assertThat(status).as("layer status").doesNotContain("失败").doesNotContain("Could not");
		assertThat((Long) browser.script("return window.gridmap.layers.count")).isPositive();
	}

	/**
	 * Every incident marker or cluster in view is the topmost element at its own centre.
	 */
	private static void assertMarkersOnTop() {
		Object onTop = browser
			.script("""
					const map = document.getElementById('gm-map').getBoundingClientRect();
					let checked = 0;
					for (const marker of document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon')) {
					  const box = marker.getBoundingClientRect();
					  const x = box.left + box.width / 2, y = box.top + box.height / 2;
					  const hit = document.elementFromPoint(x, y);
					  if (x < map.left || x > map.right || y < map.top || y > map.bottom || (hit && hit.closest('.leaflet-control'))) {
					    continue; // out of view or under a control
					  }
					  if (!hit || hit.closest('.leaflet-marker-icon') !== marker) {
					    return 'covered: ' + (hit ? hit.outerHTML.slice(0, 120) : 'nothing');
					  }
					  checked++;
					}
					return checked > 0 ? true : 'no marker in view';
					""");
		assertThat(onTop).isEqualTo(true);
	}

	private static String cellLine() {
		return (String) browser
			.script("""
					const line = [...document.querySelectorAll('.gm-hotspot-legend p')].find((p) => p.textContent.includes('格边长'));
					return line ? line.textContent : '';
					""");
	}

	/** The incident total in the layer status ("146 个网格，共 28,123 起事件"). */
	private static long incidentsInStatus() {
		String status = browser.driver.findElement(By.cssSelector("#gm-analysis .gm-analysis-status")).getText();
		String[] parts = status.replace(",", "").split("共 ");
		return (parts.length < 2) ? -1 : Long.parseLong(parts[1].replaceAll("\\D", ""));
	}

}
