package io.linia.asterisk.ari;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.linia.test.Api;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * TEL-7 in a real headless Chromium: an administrator connects the tenant to an Asterisk over
 * ARI from the Asterisk page, is told precisely what is wrong (in Russian, on the field to fix),
 * and sees the connection up and tested; the page reads in English too.
 */
@IntegrationTest
class AsteriskPageIT {

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    TestTenant acme;
    BrowserContext context;
    Page page;
    AriPeer asterisk;

    @BeforeEach
    void open() throws Exception {
        acme = tenants.create();
        asterisk = new AriPeer("linia", "ari-secret");
    }

    private void signIn(String locale) {
        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 900).setLocale(locale));
        page = context.newPage();
        Browsers.signIn(page, port, acme.code(), "admin", TestTenants.PASSWORD);
    }

    @AfterEach
    void close() throws Exception {
        if (page != null) {
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(java.nio.file.Paths.get("target", "browser-screenshots", "asterisk.png")).setFullPage(true));
            context.close();
        }
        Api api = new Api(port);
        api.as(acme.token(api, "admin")).put("/api/v1/asterisk/settings", Map.of("mode", "SIMULATED"));
        asterisk.close();
    }

    @Test
    void anAdministratorConnectsAriAndIsToldPreciselyWhatIsWrong() {
        signIn("ru-RU");
        page.click("nav >> text=Asterisk");
        assertThat(page.locator("h1")).hasText("АТС Asterisk");
        assertThat(page.locator("#asterisk-mode")).hasText("Имитатор АТС (демонстрация, тесты)");

        page.check("#mode-ARI");
        page.fill("#ariUrl", asterisk.url());
        page.fill("#ariUsername", "linia");
        page.fill("#ariPassword", "wrong");
        page.click("#asterisk-save");
        assertThat(page.locator("#asterisk-error")).containsText("Asterisk отклонил пользователя или пароль ARI (ari.conf).");
        assertThat(page.locator("#asterisk-error")).containsText("Пароль ARI");
        assertThat(page.locator("#ariPassword")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#ariUrl")).hasValue(asterisk.url()); // what was typed stays
        assertThat(page.locator("#asterisk-mode")).hasText("Имитатор АТС (демонстрация, тесты)");

        page.fill("#ariPassword", "ari-secret");
        page.click("#asterisk-save");
        assertThat(page.locator("#asterisk-saved")).hasText("Сохранено.");
        assertThat(page.locator("#asterisk-mode")).hasText("Asterisk через ARI: каждый звонок маршрутизирует Linia");
        assertThat(page.locator("#ariPassword")).hasAttribute("placeholder", "сохранён; оставьте пустым, чтобы не менять");
        assertThat(page.locator("#ariPassword")).hasValue("");

        page.click("#asterisk-test-button");
        assertThat(page.locator("#asterisk-test")).containsText("Соединение работает.");
        assertThat(page.locator("#asterisk-test")).containsText("22.10.1");
        assertThat(page.locator("#asterisk-connection")).hasText("подключено");
    }

    @Test
    void thePageReadsInEnglish() {
        signIn("en-US");
        page.navigate("http://localhost:" + port + "/admin/asterisk");
        assertThat(page.locator("h1")).hasText("Asterisk");
        assertThat(page.locator("#ami-fields legend")).hasText("AMI (manager.conf)");
        assertThat(page.locator("#cdr-form h2")).hasText("CDR database (asteriskcdrdb)");
        page.check("#mode-AMI");
        page.fill("#amiHost", "no-such-host.invalid");
        page.fill("#amiUsername", "linia");
        page.fill("#amiSecret", "x");
        page.click("#asterisk-save");
        assertThat(page.locator("#asterisk-error")).containsText(Pattern.compile("AMI host name does not resolve|No answer"));
        assertThat(page.locator("#amiHost")).hasAttribute("aria-invalid", "true");

        page.fill("#cdrUsername", "reader");
        page.click("#cdr-save");
        assertThat(page.locator("#cdr-error")).containsText("A required value is missing.");
        assertThat(page.locator("#cdrHost")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#cdrUsername")).hasValue("reader");
    }
}
