package org.gridmap.publicweb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridmap.IntegrationTest;
import org.gridmap.plan.PublishedPlans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's page {@code /plan} in a real headless Chromium against the real planning
 * API: a split drawn with clicks on the map, a merge of two grids selected on the map, a
 * publish from the page, the validation list showing the gap a delete leaves (and undo
 * taking it back), and the conflict message when someone else changed the plan through
 * the API meanwhile. Clicks are real mouse clicks at the pixels where the page's map
 * shows the coordinates.
 */
class PlanPageBrowserTest extends IntegrationTest {

	private static final Path SCREENSHOT = Path.of("/tmp/gridmap-plan.png");

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static Browser browser;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Long> published = new ArrayList<>();

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

	/** Deriving a draft of a whole community takes a moment on a busy machine. */
	@BeforeEach
	void patientClient() {
		this.http = this.http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
	}

	@Test
	void splitDrawnOnTheMapCutsTheGridInTwo() {
		String grid = "230304001001001";
		long plan = openNewPlan("230304001001", 1);
		double[] across = cutAcross(grid);

		tool("select");
		clickMap(pointOnSurface(grid));
		awaitScript("return window.gridmapPlan.editor.selection().join() === arguments[0]", grid);
		tool("split");
		clickMap(new double[] { across[0], across[1] });
		clickMap(new double[] { across[2], across[3] });
		assertThat(((List<?>) browser.script("return window.gridmapPlan.editor.drawnPoints()"))).hasSize(2);
		browser.driver.findElement(By.cssSelector("#gm-plan-tools button[data-action='finish']")).click();

		awaitMessage("ok");
		JsonNode grids = get("/api/v1/plans/" + plan + "/grids");
		assertThat(grids.get("features")).hasSize(8);
		JsonNode last = lastChange(plan);
		assertThat(last.get("kind").asString()).isEqualTo("split");
		// the signed-in user of the page
		assertThat(last.get("author").asString()).isEqualTo("admin");
		assertThat(last.get("body").get("grid").asString()).isEqualTo(grid);
		assertThat(keys()).contains(grid).anyMatch((k) -> k.startsWith("new:"));
		// the page shows the new grid in the impact report and its planned code
		assertThat(text("#gm-plan-impact")).contains("新增");
		assertThat(browser.driver.findElements(By.cssSelector("#gm-plan-impact .gm-code-plan tr"))).hasSize(1);
		browser.script("document.querySelectorAll('.leaflet-pane svg').forEach((s) => { s.style.display = 'none';"
				+ " s.getBoundingClientRect(); s.style.display = ''; })");
		try {
			browser.screenshot(SCREENSHOT);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void mergeOfTwoGridsSelectedOnTheMap() {
		long plan = openNewPlan("230304001002", 1);
		String a = "230304001002001";
		String b = "230304001002002";
		assertThat(adjacent(a, b)).isTrue();

		tool("merge");
		clickMap(pointOnSurface(a));
		clickMap(pointOnSurface(b));
		awaitScript("return window.gridmapPlan.editor.selection().length === 2");
		browser.driver.findElement(By.id("gm-plan-merge")).click();

		awaitMessage("ok");
		JsonNode grids = get("/api/v1/plans/" + plan + "/grids");
		assertThat(grids.get("features")).hasSize(6);
		assertThat(grids.get("removed").get(0).get("code").asString()).isEqualTo(b);
		assertThat(grids.get("removed").get(0).get("reason").asString()).isEqualTo("merged");
		assertThat(keys()).contains(a).doesNotContain(b);
		assertThat(lastChange(plan).get("kind").asString()).isEqualTo("merge");
		// the merged grid's households are the sum, shown in the impact table
		assertThat(text("#gm-plan-impact")).contains("并入");
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void publishFromThePageMakesTheDraftLive() {
		String grid = "230304002001003";
		long plan = openNewPlan("230304002001", 0);

		tool("select");
		clickMap(pointOnSurface(grid));
		WebElement name = new WebDriverWait(browser.driver, WAIT)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#gm-plan-attributes input[name='name']")));
		name.clear();
		name.sendKeys("矿里社区第三网格（调整）");
		browser.driver.findElement(By.cssSelector("#gm-plan-attributes button[type='submit']")).click();
		awaitMessage("ok");

		browser.driver.findElement(By.id("gm-plan-publish")).click();
		new WebDriverWait(browser.driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("gm-plan-confirm")))
			.click();
		this.published.add(plan);
		awaitScript("return window.gridmapPlan.state().status === 'published'");
		awaitMessage("ok");

		assertThat(get("/api/v1/plans/" + plan).get("status").asString()).isEqualTo("published");
		String live = this.db.sql("SELECT name FROM grid WHERE code = $1 AND valid_from <= now() AND valid_to > now()")
			.bind(0, grid)
			.map((row, meta) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(live).isEqualTo("矿里社区第三网格（调整）");
		assertThat(text("#gm-plan-message")).contains("已发布");
		// a published plan is read-only: no tools, no publish button
		assertThat(browser.driver.findElement(By.id("gm-plan-tools")).isDisplayed()).isFalse();
		assertThat(browser.driver.findElements(By.id("gm-plan-publish"))).isEmpty();
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void deletedGridShowsAsGapInTheValidationListUntilUndone() {
		String grid = "230304001003004";
		long plan = openNewPlan("230304001003", 1);
		assertThat(browser.driver.findElement(By.cssSelector("#gm-plan-validation [data-valid]"))
			.getAttribute("data-valid")).isEqualTo("true");

		tool("select");
		clickMap(pointOnSurface(grid));
		new WebDriverWait(browser.driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("gm-plan-delete")))
			.click();

		awaitMessage("ok");
		new WebDriverWait(browser.driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("#gm-plan-validation li[data-code='gap'][data-severity='error']")));
		assertThat(browser.driver.findElement(By.cssSelector("#gm-plan-validation [data-valid]"))
			.getAttribute("data-valid")).isEqualTo("false");
		assertThat(text("#gm-plan-validation")).contains("空隙");
		// the gap is drawn on the map too
		assertThat(browser.driver.findElements(By.cssSelector("#gm-map path.gm-problem-gap"))).isNotEmpty();
		assertThat(lastChange(plan).get("kind").asString()).isEqualTo("delete");

		browser.driver.findElement(By.cssSelector("#gm-plan-tools button[data-action='undo']")).click();
		awaitScript("return document.querySelector(\"#gm-plan-validation [data-valid]\")"
				+ " && document.querySelector(\"#gm-plan-validation [data-valid]\").dataset.valid === 'true'");
		assertThat(keys()).contains(grid);
		assertThat(browser.driver.findElements(By.cssSelector("#gm-map path.gm-problem-gap"))).isEmpty();
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void changeMadeMeanwhileThroughTheApiShowsAConflict() {
		String mine = "230304001004002";
		String theirs = "230304001004001";
		long plan = openNewPlan("230304001004", 1);
		String etag = (String) browser.script("return window.gridmapPlan.state().etag");
		long before = ((Number) browser.script("return window.gridmapPlan.state().version")).longValue();

		// another planner renames a grid through the API with the ETag the page also
		// holds
		String other = createUser("PLANNER", theirs.substring(0, 6));
		withToken(signIn(other, USER_PASSWORD)).post()
			.uri("/api/v1/plans/" + plan + "/changes")
			.contentType(MediaType.APPLICATION_JSON)
			.header("If-Match", etag)
			.bodyValue(
					Map.of("kind", "attributes", "author", "李规划", "grid", theirs, "set", Map.of("name", "永安社区第一网格（李）")))
			.exchange()
			.expectStatus()
			.isCreated();

		tool("select");
		clickMap(pointOnSurface(mine));
		WebElement name = new WebDriverWait(browser.driver, WAIT)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#gm-plan-attributes input[name='name']")));
		name.clear();
		name.sendKeys("永安社区第二网格（我）");
		browser.driver.findElement(By.cssSelector("#gm-plan-attributes button[type='submit']")).click();

		awaitMessage("error");
		String message = text("#gm-plan-message");
		assertThat(message).contains("其他人已修改此方案").contains(other).contains("属性").contains(theirs);
		// reloaded: the page now holds the new version, and nothing of mine was written
		assertThat(browser.script("return window.gridmapPlan.state().version")).isEqualTo(before + 1);
		assertThat(lastChange(plan).get("author").asString()).isEqualTo(other);
		assertThat(browser.driver.findElements(By.cssSelector("#gm-plan-trail li.gm-trail-new"))).hasSize(1);

		// trying again works against the new version
		clickMap(pointOnSurface(mine));
		name = new WebDriverWait(browser.driver, WAIT)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#gm-plan-attributes input[name='name']")));
		name.clear();
		name.sendKeys("永安社区第二网格（我）");
		browser.driver.findElement(By.cssSelector("#gm-plan-attributes button[type='submit']")).click();
		awaitMessage("ok");
		assertThat(lastChange(plan).get("author").asString()).isEqualTo("admin");
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void draggedSharedVertexMovesInEveryGridThatHasIt() {
		String community = "230304001005";
		long plan = openNewPlan(community, 1);
		SharedVertex vertex = sharedVertex(community);
		assertThat(vertex.grids()).hasSizeGreaterThanOrEqualTo(2);

		tool("vertices");
		clickMap(pointOnSurface(vertex.grids().get(0)));
		awaitScript("return window.gridmapPlan.editor.selection().join() === arguments[0]", vertex.grids().get(0));
		WebElement handle = vertexHandle(vertex.lon(), vertex.lat());
		assertThat(handle.getAttribute("class")).contains("gm-vertex-shared");
		new Actions(browser.driver).clickAndHold(handle).moveByOffset(8, 4).moveByOffset(8, 4).release().perform();

		awaitMessage("ok");
		JsonNode change = lastChange(plan);
		assertThat(change.get("kind").asString()).isEqualTo("reshape");
		List<String> reshaped = new ArrayList<>();
		change.get("body").get("grids").forEach((g) -> reshaped.add(g.get("grid").asString()));
		assertThat(reshaped).containsExactlyInAnyOrderElementsOf(vertex.grids());
		// the vertex moved to the same new place in every grid, so the draft has no gap
		// and no overlap
		JsonNode validation = get("/api/v1/plans/" + plan + "/validation");
		for (JsonNode problem : validation.get("problems")) {
			assertThat(problem.get("code").asString()).as("problem %s", problem)
				.isNotIn("gap", "overlap", "edge-mismatch", "invalid-geometry");
		}
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void splitLineSnapsToTheGridsVertices() {
		String grid = "230304002002003";
		long plan = openNewPlan("230304002002", 1);
		tool("select");
		clickMap(pointOnSurface(grid));
		awaitScript("return window.gridmapPlan.editor.selection().join() === arguments[0]", grid);
		@SuppressWarnings("unchecked")
		List<List<Number>> ring = (List<List<Number>>) browser.script("""
				const g = window.gridmapPlan.editor.feature(arguments[0]).geometry;
				return (g.type === 'Polygon' ? g.coordinates : g.coordinates[0])[0];""", grid);
		List<Number> p = ring.get(0);
		List<Number> q = ring.get((ring.size() - 1) / 2);

		tool("split");
		clickMapNear(p, 4, -3);
		clickMapNear(q, -3, 4);
		// the clicks a few pixels off landed exactly on the vertices
		assertThat(browser.script("return window.gridmapPlan.editor.drawnPoints()")).isEqualTo(List.of(p, q));
		browser.driver.findElement(By.cssSelector("#gm-plan-tools button[data-action='finish']")).click();

		awaitMessage("ok");
		assertThat(lastChange(plan).get("kind").asString()).isEqualTo("split");
		assertThat(get("/api/v1/plans/" + plan + "/grids").get("features")).hasSize(8);
		JsonNode validation = get("/api/v1/plans/" + plan + "/validation");
		for (JsonNode problem : validation.get("problems")) {
			assertThat(problem.get("code").asString()).as("problem %s", problem)
				.isNotIn("gap", "overlap", "edge-mismatch", "invalid-geometry");
		}
		assertThat(browser.severeErrors()).isEmpty();
	}

	@Test
	void proposalFromThePageBecomesChangesOfTheDraftInEnglish() {
		long plan = openNewPlan("230304003001", 1);
		browser.driver.findElement(By.id("gm-lang")).click();
		awaitScript("return document.documentElement.lang === 'en'");
		assertThat(browser.driver.findElement(By.cssSelector("#gm-plan-tools button[data-tool='split']")).getText())
			.isEqualTo("Split");

		browser.driver.findElement(By.cssSelector("#gm-plan-propose button[type='submit']")).click();

		awaitMessage("ok");
		assertThat(text("#gm-plan-message")).startsWith("Proposal added:").contains("within range");
		JsonNode changes = get("/api/v1/plans/" + plan + "/changes").get("changes");
		List<String> kinds = new ArrayList<>();
		changes.forEach((c) -> kinds.add(c.get("kind").asString()));
		assertThat(kinds).contains("reshape");
		JsonNode validation = get("/api/v1/plans/" + plan + "/validation");
		assertThat(validation.get("valid").asBoolean()).as("validation %s", validation).isTrue();
		assertThat(browser.driver.findElement(By.cssSelector("#gm-plan-validation [data-valid]"))
			.getAttribute("data-valid")).isEqualTo("true");
		assertThat(browser.severeErrors()).isEmpty();
	}

	@AfterEach
	void restorePublished() {
		if (this.published.isEmpty()) {
			return;
		}
		PublishedPlans.restore(this.db, this.published.toArray(Long[]::new));
		this.published.clear();
	}

	// ---- helpers

	/**
	 * Creates a plan through the API (effective in {@code days} days) and opens it on the
	 * page, with the planner's name typed in.
	 */
	private long openNewPlan(String parent, int days) {
		String date = LocalDate.now(ZONE).plusDays(days).toString();
		JsonNode plan = this.json.readTree(this.http.post()
			.uri("/api/v1/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "页面测试 " + parent, "parent", parent, "effectiveDate", date, "author", "测试"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
		long id = plan.get("id").asLong();
		browser.open(baseUrl() + "/plan?base=blank&lang=zh&plan=" + id);
		awaitScript("return !!(window.gridmapPlan && window.gridmapPlan.ready)");
		Object outcome = ((JavascriptExecutor) browser.driver).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				window.gridmapPlan.ready.then(() => window.gridmapPlan.idle()).then(() => done('ok'),
				    (e) => done('failed: ' + (e && e.message)));
				""");
		assertThat(outcome).as("page ready; log: %s", browser.log()).isEqualTo("ok");
		awaitScript(
				"return window.gridmapPlan.state().planId === arguments[0] && window.gridmapPlan.editor.keys().length > 0",
				id);
		assertThat(browser.driver.findElement(By.id("gm-plan-author")).getAttribute("value")).isEqualTo("admin");
		return id;
	}

	private static void tool(String name) {
		browser.driver.findElement(By.cssSelector("#gm-plan-tools button[data-tool='" + name + "']")).click();
	}

	/**
	 * A real mouse click on the map where it shows [lon, lat]; the map is first panned so
	 * that the point is clear of the tool bar over the map's top.
	 */
	private static void clickMap(double[] lonLat) {
		browser.script(
				"window.gridmapPlan.map.panInside([arguments[1], arguments[0]],"
						+ " { paddingTopLeft: [60, 170], paddingBottomRight: [60, 40], animate: false })",
				lonLat[0], lonLat[1]);
		@SuppressWarnings("unchecked")
		Map<String, Number> point = (Map<String, Number>) browser
			.script("return window.gridmapPlan.containerPoint(arguments[0], arguments[1])", lonLat[0], lonLat[1]);
		WebElement map = browser.driver.findElement(By.id("gm-map"));
		int x = (int) Math.round(point.get("x").doubleValue() - map.getSize().getWidth() / 2.0);
		int y = (int) Math.round(point.get("y").doubleValue() - map.getSize().getHeight() / 2.0);
		new Actions(browser.driver).moveToElement(map, x, y).click().perform();
	}

	/** A click a few pixels off the vertex [lon, lat] (to see it snap). */
	private static void clickMapNear(List<Number> vertex, int dx, int dy) {
		double lon = vertex.get(0).doubleValue();
		double lat = vertex.get(1).doubleValue();
		browser.script("window.gridmapPlan.map.panInside([arguments[1], arguments[0]],"
				+ " { paddingTopLeft: [60, 170], paddingBottomRight: [60, 40], animate: false })", lon, lat);
		@SuppressWarnings("unchecked")
		Map<String, Number> point = (Map<String, Number>) browser
			.script("return window.gridmapPlan.containerPoint(arguments[0], arguments[1])", lon, lat);
		WebElement map = browser.driver.findElement(By.id("gm-map"));
		int x = (int) Math.round(point.get("x").doubleValue() - map.getSize().getWidth() / 2.0) + dx;
		int y = (int) Math.round(point.get("y").doubleValue() - map.getSize().getHeight() / 2.0) + dy;
		new Actions(browser.driver).moveToElement(map, x, y).click().perform();
	}

	/**
	 * The drag handle the page shows for the vertex at [lon, lat] of the selected grid.
	 */
	private static WebElement vertexHandle(double lon, double lat) {
		Object handle = browser.script(
				"""
						const key = arguments[0] + ',' + arguments[1];
						let icon = null;
						window.gridmapPlan.editor.handleLayer.eachLayer((m) => { if (m.vertexKey === key) { icon = m.getElement(); } });
						return icon;""",
				lon, lat);
		assertThat(handle).as("handle of vertex %s,%s", lon, lat).isInstanceOf(WebElement.class);
		return (WebElement) handle;
	}

	private static void awaitScript(String condition, Object... args) {
		try {
			new WebDriverWait(browser.driver, WAIT).until((d) -> Boolean.TRUE.equals(browser.script(condition, args)));
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Not reached: " + condition + "; message: " + text("#gm-plan-message")
					+ "; browser log: " + browser.log(), ex);
		}
	}

	/** Waits for the page's message after a write (ok or error). */
	private static void awaitMessage(String kind) {
		awaitScript(
				"const s = window.gridmapPlan.state(); return !s.busy && s.message && s.message.kind === arguments[0]",
				kind);
		Object idle = ((JavascriptExecutor) browser.driver).executeAsyncScript(
				"const done = arguments[arguments.length - 1]; window.gridmapPlan.idle().then(() => done('idle'));");
		assertThat(idle).isEqualTo("idle");
	}

	@SuppressWarnings("unchecked")
	private static List<String> keys() {
		return (List<String>) browser.script("return window.gridmapPlan.editor.keys()");
	}

	private static String text(String css) {
		return browser.driver.findElements(By.cssSelector(css))
			.stream()
			.findFirst()
			.map(WebElement::getText)
			.orElse("(none)");
	}

	private JsonNode get(String path) {
		return this.json.readTree(this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private JsonNode lastChange(long plan) {
		JsonNode changes = get("/api/v1/plans/" + plan + "/changes").get("changes");
		return changes.get(changes.size() - 1);
	}

	record SharedVertex(double lon, double lat, List<String> grids) {
	}

	/**
	 * A vertex inside the community (not on its outline) that two or more live grids
	 * share.
	 */
	private SharedVertex sharedVertex(String community) {
		return this.db.sql("""
				WITH pts AS (
				    SELECT g.code, (ST_DumpPoints(g.geom)).geom AS p
				    FROM grid g
				    WHERE g.community_code = $1 AND g.valid_from <= now() AND g.valid_to > now()
				)
				SELECT ST_X(p) AS lon, ST_Y(p) AS lat, array_agg(DISTINCT pts.code ORDER BY pts.code) AS grids
				FROM pts, admin_area c
				WHERE c.code = $1 AND c.valid_from <= now() AND c.valid_to > now()
				GROUP BY p, c.geom
				HAVING count(DISTINCT pts.code) >= 2 AND NOT ST_DWithin(p, ST_Boundary(c.geom), 0.0005)
				ORDER BY count(DISTINCT pts.code) DESC, ST_X(p), ST_Y(p)
				LIMIT 1""")
			.bind(0, community)
			.map((row, meta) -> new SharedVertex(row.get("lon", Double.class), row.get("lat", Double.class),
					List.of(row.get("grids", String[].class))))
			.one()
			.block();
	}

	private double[] pointOnSurface(String grid) {
		return this.db
			.sql("SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM grid"
					+ " WHERE code = $1 AND valid_from <= now() AND valid_to > now()) g")
			.bind(0, grid)
			.map((row, meta) -> new double[] { row.get("lon", Double.class), row.get("lat", Double.class) })
			.one()
			.block();
	}

	/** Two points west and east of the grid on a line through it: a line that cuts it. */
	private double[] cutAcross(String grid) {
		return this.db.sql("""
				SELECT ST_XMin(geom) - 0.001 AS x1, ST_Y(ST_PointOnSurface(geom)) AS y1,
				       ST_XMax(geom) + 0.001 AS x2, ST_Y(ST_PointOnSurface(geom)) + 0.0001 AS y2
				FROM grid WHERE code = $1 AND valid_from <= now() AND valid_to > now()""")
			.bind(0, grid)
			.map((row,
					meta) -> new double[] { row.get("x1", Double.class), row.get("y1", Double.class),
							row.get("x2", Double.class), row.get("y2", Double.class) })
			.one()
			.block();
	}

	private boolean adjacent(String a, String b) {
		return Boolean.TRUE.equals(this.db.sql("""
				SELECT ST_Length(ST_Intersection(x.geom, y.geom)::geography) > 10 FROM grid x, grid y
				WHERE x.code = $1 AND y.code = $2 AND x.valid_to > now() AND x.valid_from <= now()
				  AND y.valid_to > now() AND y.valid_from <= now()""")
			.bind(0, a)
			.bind(1, b)
			.map((row, meta) -> row.get(0, Boolean.class))
			.one()
			.block());
	}

}
