package org.gridmap.publicweb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.gridmap.Fixtures;
import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessment page {@code /assessment} in a headless Chromium against the running
 * service: the constructed fixture's red grid and worker show as red rows, the tabs
 * switch the table, the CSV links point at the API, both charts are drawn as labelled
 * SVG, and the English switch relabels everything.
 */
class AssessmentPageBrowserTest extends IntegrationTest {

	private static final Path SCREENSHOT = Path.of("/tmp/gridmap-assessment.png");

	private static final Duration WAIT = Duration.ofSeconds(30);

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

	@BeforeEach
	void constructedIncidents() {
		Fixtures.load(this.db, "assessment-incidents.sql");
	}

	private void awaitReady() {
		try {
			new WebDriverWait(browser.driver, WAIT)
				.until((d) -> "ready".equals(browser.script("return document.body.dataset.asState")));
		}
		catch (RuntimeException ex) {
			throw new AssertionError("The assessment page did not load; status: "
					+ browser.driver.findElement(By.id("gm-status")).getText() + "; log: " + browser.log(), ex);
		}
	}

	private WebElement row(String code) {
		return browser.driver.findElement(By.cssSelector("#gm-as-table tr[data-code='" + code + "']"));
	}

	@Test
	void switchingGroupingsShowsTheRedRowsTheLinksAndTheCharts() throws IOException {
		browser.open(baseUrl() + "/assessment?from=2002-09-01&to=2002-10-01&tab=grids&lang=zh");
		awaitReady();
		assertThat(browser.driver.findElements(By.cssSelector("#gm-as-table tbody tr"))).hasSize(146);
		WebElement red = row("230304001001001");
		assertThat(red.getAttribute("data-rating")).isEqualTo("red");
		assertThat(red.findElement(By.cssSelector(".gm-as-badge")).getText()).isEqualTo("红");
		assertThat(red.getText()).contains("40.0%").contains("66.7%");
		// Sorted by rating, worst first: the red grid heads the table.
		assertThat(browser.driver.findElement(By.cssSelector("#gm-as-table tbody tr")).getAttribute("data-code"))
			.isEqualTo("230304001001001");
		assertThat(row("230304001001002").getAttribute("data-rating")).isEqualTo("green");
		assertThat(browser.driver.findElement(By.id("gm-as-to")).getAttribute("value")).isEqualTo("2002-09-30");

		browser.driver.findElement(By.id("gm-as-tab-workers")).click();
		new WebDriverWait(browser.driver, WAIT)
			.until((d) -> "true".equals(d.findElement(By.id("gm-as-tab-workers")).getAttribute("aria-selected")));
		awaitReady();
		assertThat(browser.driver.getCurrentUrl()).contains("tab=workers");
		List<WebElement> redRows = browser.driver.findElements(By.cssSelector("#gm-as-table tr[data-rating='red']"));
		assertThat(redRows).hasSize(1);
		assertThat(redRows.get(0).getText()).contains("建设社区第一网格");
		String csv = browser.driver.findElement(By.id("gm-as-csv")).getAttribute("href");
		assertThat(csv).contains("/api/v1/stats/workers?").contains("from=2002-09-01").contains("format=csv");
		assertThat(browser.driver.findElement(By.id("gm-as-csv")).getAttribute("download")).isNotNull();

		browser.driver.findElement(By.id("gm-as-tab-departments")).click();
		awaitTab("departments");
		WebElement lagging = row("political-legal");
		assertThat(lagging.getText()).contains("黑榜");
		assertThat(row("justice").getText()).contains("红榜");

		// The charts: a line per matter shown and bars per department, labelled.
		WebElement series = browser.driver.findElement(By.cssSelector("#gm-as-series svg.gm-chart"));
		assertThat(series.getAttribute("role")).isEqualTo("img");
		assertThat(series.findElements(By.cssSelector("polyline"))).hasSizeGreaterThanOrEqualTo(2);
		assertThat(browser.script("return document.querySelector('#gm-as-series svg title').textContent"))
			.isEqualTo("各类事项上报数（按日）");
		assertThat(browser.script("return [...document.querySelectorAll('#gm-as-series svg .gm-chart-label')]"
				+ ".map((e) => e.textContent).join('|')"))
			.isEqualTo("时段起始|上报数（件）");
		WebElement bars = browser.driver.findElement(By.cssSelector("#gm-as-bars svg.gm-chart"));
		assertThat(bars.findElements(By.cssSelector("rect"))).hasSize(12);
		assertThat(browser.driver.findElement(By.id("gm-as-series-csv")).getAttribute("href"))
			.contains("/api/v1/stats/series?");
		assertThat(browser.driver.findElement(By.id("gm-as-bars-csv")).getAttribute("href"))
			.contains("/api/v1/stats/departments?");
		assertThat(browser.driver.findElement(By.id("gm-as-legend")).getText()).contains("≥ 85%").contains("< 70%");
		browser.screenshot(SCREENSHOT);

		browser.driver.findElement(By.id("gm-lang")).click();
		assertThat(browser.driver.findElement(By.id("gm-as-tab-workers")).getText()).isEqualTo("Grid workers");
		assertThat(row("political-legal").getText()).contains("Political and Legal Affairs Commission")
			.contains("Black roll");
		assertThat(browser.driver.findElement(By.id("gm-as-csv")).getAttribute("href")).contains("lang=en");
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void aPresetAndAStreetFilterReloadTheTables() {
		browser.open(baseUrl() + "/assessment?from=2002-09-01&to=2002-10-01&tab=streets&lang=zh");
		awaitReady();
		assertThat(browser.driver.findElements(By.cssSelector("#gm-as-table tbody tr"))).hasSize(6);
		new Select(browser.driver.findElement(By.id("gm-as-street"))).selectByValue("230304001");
		new WebDriverWait(browser.driver, WAIT).until((d) -> d.getCurrentUrl().contains("street=230304001"));
		awaitReady();
		assertThat(browser.driver.findElements(By.cssSelector("#gm-as-table tbody tr"))).hasSize(1);
		new Select(browser.driver.findElement(By.id("gm-as-preset"))).selectByValue("thisYear");
		new WebDriverWait(browser.driver, WAIT).until((d) -> !d.getCurrentUrl().contains("from=2002-09-01"));
		awaitReady();
		assertThat(browser.driver.findElement(By.id("gm-as-from")).getAttribute("value")).endsWith("-01-01");
		assertThat(browser.severeErrors()).isEmpty();
	}

	private void awaitTab(String grouping) {
		new WebDriverWait(browser.driver, WAIT)
			.until((d) -> "true".equals(d.findElement(By.id("gm-as-tab-" + grouping)).getAttribute("aria-selected")));
		awaitReady();
	}

}
