package org.gridmap.publicweb;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
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

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private static final Path SCREENSHOT = Path.of("/tmp/gridmap-map.png");

	private static ChromeDriver driver;

	private static Path profile;

	@BeforeAll
	static void startBrowser() throws IOException {
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		boolean installed = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
		Assumptions.assumeTrue(installed || ci, "Browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
				+ " is missing (install the Debian packages chromium and chromium-driver); in CI (CI=true) this fails instead");
		profile = Files.createTempDirectory("gridmap-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
	}

	@AfterAll
	static void quitBrowser() throws IOException {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
		if (profile != null) {
			try (var paths = Files.walk(profile)) {
				paths.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@Test
	void mapDrawsEveryGridOfTheDemoDistrict() throws IOException {
		open("/map?base=blank&lang=zh");
		awaitGrids();
		assertThat(driver.findElements(By.cssSelector("path.gm-grid"))).hasSize(DEMO_GRIDS);
		assertThat(driver.findElement(By.id("gm-status")).getText()).contains(DEMO_GRIDS + " 个网格");
		assertThat(driver.findElements(By.cssSelector(".gm-legend li"))).isNotEmpty();
		File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
		assertThat(severeBrowserErrors()).isEmpty();
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
		driver.manage().logs().get(LogType.BROWSER); // drains what earlier tests left
		driver.get(baseUrl() + path);
	}

	private static void awaitGrids() {
		try {
			new WebDriverWait(driver, Duration.ofSeconds(30)).until((d) -> Long.valueOf(DEMO_GRIDS)
				.equals(((JavascriptExecutor) d).executeScript("return window.gridmap && window.gridmap.gridCount")));
		}
		catch (RuntimeException ex) {
			throw new AssertionError("The map did not draw " + DEMO_GRIDS + " grids; status line: " + statusLine()
					+ "; browser log: " + browserLog(), ex);
		}
	}

	private static String statusLine() {
		List<WebElement> status = driver.findElements(By.id("gm-status"));
		return status.isEmpty() ? "(none)" : status.get(0).getText();
	}

	private static String browserLog() {
		return driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::toString)
			.collect(Collectors.joining("\n"));
	}

	/** SEVERE browser log entries, except network failures (tiles, when offline). */
	private static List<String> severeBrowserErrors() {
		return driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> !message.contains("Failed to load resource") && !message.contains("net::ERR"))
			.toList();
	}

}
