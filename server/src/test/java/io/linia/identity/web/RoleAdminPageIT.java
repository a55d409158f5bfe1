package io.linia.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** In a real headless Chromium: an administrator builds a custom role from permissions and deletes it (ID-3). */
@IntegrationTest
class RoleAdminPageIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    TestTenant acme;
    BrowserContext context;
    Page page;

    @BeforeEach
    void open() {
        acme = tenants.create();
        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 768).setLocale("ru-RU"));
        page = context.newPage();
        Browsers.signIn(page, port, acme.code(), "admin", TestTenants.PASSWORD);
    }

    @AfterEach
    void close() {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(UserAdminPageIT.SCREENSHOTS.resolve("roles.png")).setFullPage(true));
        context.close();
    }

    @Test
    void anAdministratorCreatesACustomRoleInRussianAndDeletesIt() {
        page.click("nav >> text=Роли");
        assertThat(page.locator("h1")).hasText("Роли");
        assertThat(page.locator("tr[data-code=operator]")).containsText("Обработка звонков");
        // provider permissions are not offered to a tenant
        assertThat(page.locator("input[value=TENANT_MANAGE]")).hasCount(0);

        page.fill("#new-role-code", "night_shift");
        page.fill("#new-role-name", "Ночная смена");
        page.check("input[value=CALLS_HANDLE]");
        page.check("input[value=STATS_OWN_VIEW]");
        page.click("#create-role");
        assertThat(page.locator("#role-created")).containsText("Ночная смена");
        assertThat(page.locator("tr[data-code=night_shift]")).containsText("Своя статистика");

        page.fill("#new-role-code", "night_shift");
        page.fill("#new-role-name", "Again");
        page.click("#create-role");
        assertThat(page.locator("#role-error")).hasText("Роль с таким кодом уже есть.");
        assertThat(page.locator("#new-role-name")).hasValue("Again");

        page.click("tr[data-code=night_shift] button");
        assertThat(page.locator("#role-deleted")).isVisible();
        assertThat(page.locator("tr[data-code=night_shift]")).hasCount(0);
        // built-in roles have no delete button
        assertThat(page.locator("tr[data-code=operator] button")).hasCount(0);
    }
}
