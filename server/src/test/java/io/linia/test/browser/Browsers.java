package io.linia.test.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * One real headless Chromium (Debian's, installed by scripts/install-deps) shared by every
 * page test of the JVM; Playwright never downloads a browser of its own here.
 */
public final class Browsers {

    private static Playwright playwright;
    private static Browser browser;

    private Browsers() {
    }

    public static synchronized Browser chromium() {
        if (browser == null) {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            Path executable = Paths.get(System.getProperty("linia.chromium", "/usr/bin/chromium"));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        return browser;
    }

    /** Signs in through the login page, as a person would. */
    public static void signIn(com.microsoft.playwright.Page page, int port, String tenant, String login, String password) {
        page.navigate("http://localhost:" + port + "/login");
        page.fill("input[name=tenant]", tenant);
        page.fill("input[name=username]", login);
        page.fill("input[name=password]", password);
        page.click("#login-form button[type=submit]");
    }
}
