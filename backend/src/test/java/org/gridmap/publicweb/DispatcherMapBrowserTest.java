package org.gridmap.publicweb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's incidents on {@code /map} in a real headless Chromium: a report made
 * over HTTP appears on the open map from the live stream without a reload, and a step
 * taken in the incident panel reaches the server and shows in the panel's timeline.
 */
class DispatcherMapBrowserTest extends IntegrationTest {

	private static final Path SCREENSHOT = Path.of("/tmp/gridmap-dispatch.png");

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static Browser browser;

	private final JsonMapper json = JsonMapper.builder().build();

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

	@Test
	void newReportAppearsLiveWithoutReload() throws IOException {
		browser.open(baseUrl() + "/map?base=blank&lang=zh");
		awaitIncidents();
		awaitLiveStream();
		long before = count();
		browser.script("window.gridmapNotReloaded = true;");

		long id = report("测试：井盖冒水").get("id").asLong();

		try {
			new WebDriverWait(browser.driver, WAIT).until((d) -> Boolean.TRUE
				.equals(browser.script("return window.gridmap.incidents.byId(arguments[0])", id)));
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Incident " + id + " did not appear on the map; panel: " + filterPanel()
					+ "; browser log: " + browser.log(), ex);
		}
		assertThat(browser.script("return window.gridmapNotReloaded === true")).isEqualTo(true);
		assertThat(count()).isGreaterThanOrEqualTo(before + 1);
		assertThat(browser.driver.findElement(By.cssSelector(".gm-inc-count")).getText()).matches("[\\d,]+ 起事件.*");
		browser.screenshot(SCREENSHOT);
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void dispatchActionUpdatesTheTimeline() {
		long id = report("测试：楼道堆物").get("id").asLong();
		browser.open(baseUrl() + "/map?base=blank&lang=zh&incident=" + id);
		awaitIncidents();

		WebDriverWait wait = new WebDriverWait(browser.driver, WAIT);
		WebElement register = wait.until(ExpectedConditions
			.elementToBeClickable(By.cssSelector("#gm-incident button.gm-action[data-action='register']")));
		assertThat(browser.driver.findElement(By.id("gm-incident")).getText()).contains("测试：楼道堆物");
		register.click();
		try {
			wait.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("#gm-incident .gm-timeline li[data-action='register']")));
		}
		catch (RuntimeException ex) {
			throw new AssertionError("The register step did not show in the timeline; panel: "
					+ browser.driver.findElement(By.id("gm-incident")).getText() + "; browser log: " + browser.log(),
					ex);
		}

		JsonNode detail = detail(id);
		assertThat(detail.get("status").asString()).isEqualTo("registered");
		JsonNode last = detail.get("timeline").get(detail.get("timeline").size() - 1);
		assertThat(last.get("action").asString()).isEqualTo("register");
		// the signed-in user (the page's admin), whatever name the panel sent
		assertThat(last.get("actor").asString()).isEqualTo("admin");
		assertThat(last.get("role").asString()).isEqualTo("admin");
		// the panel now offers the next steps, and the marker shows the new status
		wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#gm-incident button.gm-action[data-action='dispatch']")));
		assertThat(browser.driver.findElement(By.cssSelector("#gm-incident .gm-badge[data-status]"))
			.getAttribute("data-status")).isEqualTo("registered");
		assertThat(browser.severeErrors()).isEmpty();
	}

	private JsonNode report(String description) {
		Map<String, Object> point = this.db
			.sql("SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) p FROM grid "
					+ "WHERE valid_to = 'infinity' ORDER BY code LIMIT 1) g")
			.fetch()
			.one()
			.block();
		JsonNode matters = this.json.readTree(this.http.get()
			.uri("/api/v1/matters")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		Map<String, Object> body = Map.of("matter", matters.get(0).get("code").asString(), "description", description,
				"lon", point.get("lon"), "lat", point.get("lat"), "channel", "app");
		return this.json.readTree(this.http.post()
			.uri("/api/v1/incidents")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private JsonNode detail(long id) {
		return this.json.readTree(this.http.get()
			.uri("/api/v1/incidents/" + id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private static long count() {
		return ((Number) browser.script("return window.gridmap.incidents.count")).longValue();
	}

	private static void awaitIncidents() {
		Object outcome;
		try {
			new WebDriverWait(browser.driver, WAIT).until((d) -> Boolean.TRUE
				.equals(browser.script("return !!(window.gridmap && window.gridmap.incidents)")));
			outcome = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					window.gridmap.incidents.ready.then(() => done('ok'), (e) => done('failed: ' + (e && e.message)));
					""");
		}
		catch (RuntimeException ex) {
			throw new AssertionError("The incidents did not load; browser log: " + browser.log(), ex);
		}
		assertThat(outcome).as("incidents ready; panel: %s", filterPanel()).isEqualTo("ok");
	}

	/** The stream is open (so that a report made now is not missed). */
	private static void awaitLiveStream() {
		try {
			new WebDriverWait(browser.driver, WAIT)
				.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".gm-inc-live .gm-live-on")));
		}
		catch (RuntimeException ex) {
			throw new AssertionError(
					"The live stream did not connect; panel: " + filterPanel() + "; browser log: " + browser.log(), ex);
		}
	}

	private static String filterPanel() {
		return browser.driver.findElements(By.id("gm-filters"))
			.stream()
			.findFirst()
			.map(WebElement::getText)
			.orElse("(none)");
	}

}
