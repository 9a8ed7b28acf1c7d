package org.gridmap.publicweb;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Debian Chromium for the browser tests, with its own throw-away profile and
 * the browser console captured. Skips the calling test class where Chromium is missing,
 * except in CI ({@code CI=true}), where that fails instead.
 */
final class Browser implements AutoCloseable {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * Starts Chromium (1280×900), or skips the tests when it is not installed outside CI.
	 */
	static Browser start() throws IOException {
		return start(new ChromeOptions());
	}

	/**
	 * Starts Chromium emulating a phone: a 390×844 CSS-pixel viewport at device pixel
	 * ratio 2 with touch and a mobile user agent, or skips like {@link #start()}.
	 */
	static Browser startPhone() throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
				Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true, "mobile", true), "userAgent",
				"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"));
		return start(options);
	}

	private static Browser start(ChromeOptions options) throws IOException {
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		boolean installed = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
		Assumptions.assumeTrue(installed || ci, "Browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
				+ " is missing (install the Debian packages chromium and chromium-driver); in CI (CI=true) this fails instead");
		Path profile = Files.createTempDirectory("gridmap-chromium-");
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
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		return new Browser(driver, profile);
	}

	/** Origins this browser has signed in to (the token lives in this tab). */
	private final java.util.Set<String> signedIn = new java.util.HashSet<>();

	/**
	 * Opens url, first draining the console log that earlier tests left. A staff page
	 * ({@code /map}, {@code /plan}, {@code /assessment}, {@code /stations}) is opened
	 * signed in as the admin: the first time through the page's sign-in form.
	 */
	void open(String url) {
		java.net.URI uri = java.net.URI.create(url);
		String origin = uri.getScheme() + "://" + uri.getAuthority();
		if (uri.getPath().matches("/(map|plan|assessment|stations)") && !this.signedIn.contains(origin)) {
			signIn(origin, "admin", org.gridmap.IntegrationTest.ADMIN_PASSWORD);
		}
		this.driver.manage().logs().get(LogType.BROWSER);
		this.driver.get(url);
	}

	/** Signs in through a staff page's sign-in form. */
	void signIn(String origin, String name, String password) {
		this.driver.get(origin + "/assessment?lang=zh");
		org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(
				this.driver, Duration.ofSeconds(30));
		wait.until(org.openqa.selenium.support.ui.ExpectedConditions
			.visibilityOfElementLocated(org.openqa.selenium.By.id("gm-signin-name"))).sendKeys(name);
		this.driver.findElement(org.openqa.selenium.By.id("gm-signin-password")).sendKeys(password);
		this.driver.findElement(org.openqa.selenium.By.id("gm-signin-submit")).click();
		wait.until(org.openqa.selenium.support.ui.ExpectedConditions
			.invisibilityOfElementLocated(org.openqa.selenium.By.id("gm-signin")));
		this.signedIn.add(origin);
	}

	Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	void screenshot(Path target) throws IOException {
		File shot = this.driver.getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

	/** The console log since the last drain. */
	String log() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::toString)
			.collect(Collectors.joining("\n"));
	}

	/** SEVERE console entries, except network failures (tiles, when offline). */
	List<String> severeErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> !message.contains("Failed to load resource") && !message.contains("net::ERR"))
			.toList();
	}

	@Override
	public void close() throws IOException {
		this.driver.quit();
		try (var paths = Files.walk(this.profile)) {
			paths.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
		}
	}

}
