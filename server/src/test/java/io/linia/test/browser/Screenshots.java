package io.linia.test.browser;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The screenshots the README and docs show (issue 7: main pages at 1360×768 and 1920×1080).
 * Every run writes them under {@code target/browser-screenshots/}; only
 * {@code scripts/screenshots} (system property {@code linia.screenshots=docs}) also writes them
 * to {@code docs/screenshots/}, so an ordinary test run leaves the checkout untouched.
 */
public final class Screenshots {

    private static final Path TARGET = Paths.get("target", "browser-screenshots");
    private static final Path DOCS = Paths.get("..", "docs", "screenshots");

    private Screenshots() {
    }

    /** Saves the visible viewport as {@code name}.png (e.g. {@code workstation-1360x768}). */
    public static void docs(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(TARGET.resolve(name + ".png")));
        if ("docs".equals(System.getProperty("linia.screenshots"))) {
            page.screenshot(new Page.ScreenshotOptions().setPath(DOCS.resolve(name + ".png")));
        }
    }
}
