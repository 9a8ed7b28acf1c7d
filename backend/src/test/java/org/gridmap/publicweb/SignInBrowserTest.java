package org.gridmap.publicweb;

import java.io.IOException;
import java.time.Duration;

import org.gridmap.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff pages' sign-in in a real browser: the form (Chinese, with the English
 * switch), a wrong password refused without saying which part was wrong, the right one
 * opening the page with the user's name and a sign-out button, sign-out back to the form.
 * Public pages ask for nothing.
 */
class SignInBrowserTest extends IntegrationTest {

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
	void aStaffPageSignsInAndOutThroughItsForm() {
		WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
		String login = createUser("DISPATCHER", "230304");
		// straight to the page, not through Browser.open (which signs in as admin)
		browser.driver.get(baseUrl() + "/map?base=blank&lang=zh");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("gm-signin-name")));
		assertThat(browser.driver.findElement(By.cssSelector("#gm-signin h2")).getText()).isEqualTo("工作人员登录");
		browser.driver.findElement(By.id("gm-signin-lang")).click();
		wait.until(ExpectedConditions.textToBe(By.cssSelector("#gm-signin h2"), "Staff sign-in"));
		browser.driver.findElement(By.id("gm-signin-lang")).click();

		browser.driver.findElement(By.id("gm-signin-name")).sendKeys(login);
		browser.driver.findElement(By.id("gm-signin-password")).sendKeys("not-the-password");
		browser.driver.findElement(By.id("gm-signin-submit")).click();
		wait.until(ExpectedConditions.textToBe(By.id("gm-signin-error"), "用户名或密码错误"));

		browser.driver.findElement(By.id("gm-signin-password")).sendKeys(USER_PASSWORD);
		browser.driver.findElement(By.id("gm-signin-submit")).click();
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("gm-signin")));
		wait.until(ExpectedConditions.textToBe(By.id("gm-user"), login));
		// the page loads its incidents with the token
		wait.until((driver) -> Boolean.TRUE.equals(browser.script(
				"return !!(window.gridmap && window.gridmap.incidents) && typeof window.gridmap.incidents.count === 'number'")));

		browser.driver.findElement(By.id("gm-signout")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("gm-signin-name")));
		assertThat(browser.script("return window.sessionStorage.getItem('gridmap.token')")).isNull();
	}

	@Test
	void publicPagesAskForNoSignIn() {
		browser.driver.get(baseUrl() + "/lookup?lang=zh");
		new WebDriverWait(browser.driver, Duration.ofSeconds(30))
			.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
		assertThat(browser.driver.findElements(By.id("gm-signin"))).isEmpty();
	}

}
