package io.linia.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a real headless Chromium: an administrator signs in through the login page and creates
 * a user, who can then sign in with the one-time password and is made to change it.
 */
@IntegrationTest
class UserAdminPageIT {

    static final Path SCREENSHOTS = Paths.get("target", "browser-screenshots");

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    TestTenant acme;
    BrowserContext context;
    Page page;
    String testName;

    @BeforeEach
    void open(TestInfo info) {
        acme = tenants.create();
        testName = info.getTestMethod().orElseThrow().getName();
        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("en-US"));
        page = context.newPage();
    }

    @AfterEach
    void close() {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(testName + ".png")).setFullPage(true));
        context.close();
    }

    private void signIn(String login, String password) {
        Browsers.signIn(page, port, acme.code(), login, password);
    }

    @Test
    void anAdministratorSignsInAndCreatesAUserWhoCanThenSignIn() {
        signIn("admin", TestTenants.PASSWORD);
        assertThat(page.locator("h1")).containsText("Welcome");

        page.click("nav >> text=Users");
        assertThat(page.locator("h1")).hasText("Users");
        page.fill("#new-login", "petrova");
        page.fill("#new-full-name", "Анна Петрова");
        page.fill("input[name=extension]", "204");
        page.selectOption("#new-role", "operator");
        page.click("#new-user-form button[type=submit]");

        assertThat(page.locator("#created-message")).containsText("petrova");
        assertThat(page.locator("tr[data-login=petrova]")).containsText("Анна Петрова");
        String oneTime = page.locator("#one-time-password").textContent().trim();
        assertThat(oneTime).hasSize(16);

        page.fill("#user-search", "петров");
        assertThat(page.locator("#user-rows tr")).hasCount(1);

        page.click("button:has-text('Sign out')");
        signIn("petrova", oneTime);
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/password$"));
        page.fill("input[name=currentPassword]", oneTime);
        page.fill("input[name=newPassword]", "Petrova-pass-1");
        page.fill("input[name=confirmPassword]", "Petrova-pass-1");
        page.click("#password-form button[type=submit]");
        assertThat(page.locator("h1")).containsText("Анна Петрова");
    }

    @Test
    void aDuplicateLoginIsShownNextToTheFormInRussian() {
        context.close();
        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("ru-RU"));
        page = context.newPage();
        acme.user("ivanov", "operator");
        signIn("admin", TestTenants.PASSWORD);
        page.navigate("http://localhost:" + port + "/admin/users");
        assertThat(page.locator("h1")).hasText("Пользователи");
        page.fill("#new-login", "ivanov");
        page.fill("#new-full-name", "Иван Второй");
        page.click("#new-user-form button[type=submit]");
        assertThat(page.locator("#create-error")).hasText("Этот логин уже занят.");
        assertThat(page.locator("#new-full-name")).hasValue("Иван Второй");
    }

    @Test
    void aWrongPasswordShowsTheMessageAndAnOperatorHasNoUsersPage() {
        acme.user("op", "operator");
        signIn("admin", "wrong-password");
        assertThat(page.locator("[role=alert]")).hasText("Wrong organization code, login or password.");

        signIn("op", TestTenants.PASSWORD);
        assertThat(page.locator("nav >> text=Users")).hasCount(0);
        com.microsoft.playwright.Response denied = page.navigate("http://localhost:" + port + "/admin/users");
        assertThat(denied.status()).isEqualTo(403);
    }
}
