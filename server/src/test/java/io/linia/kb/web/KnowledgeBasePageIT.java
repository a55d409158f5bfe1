package io.linia.kb.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.linia.test.IntegrationTest;
import io.linia.test.TestTenants;
import io.linia.test.TestTenants.TestTenant;
import io.linia.test.browser.Browsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a real headless Chromium: an editor builds a staff-only topic and an article with a live
 * preview, a draft, an attachment and publishing; an operator reads the open topic, finds the
 * article by another word form with the hit highlighted, and never sees the staff topic
 * (KB-1, KB-3, KB-4, KB-5). In Russian and English.
 */
@IntegrationTest
class KnowledgeBasePageIT {

    static final Path SCREENSHOTS = Paths.get("target", "browser-screenshots");

    @LocalServerPort
    int port;
    @Autowired
    TestTenants tenants;

    TestTenant acme;
    BrowserContext context;
    Page page;
    String shot = "kb";

    @BeforeEach
    void open() {
        acme = tenants.create();
        acme.user("op", "operator");
        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 900).setLocale("ru-RU"));
        page = context.newPage();
    }

    @AfterEach
    void close() {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(shot + ".png")).setFullPage(true));
        context.close();
    }

    @Test
    void anEditorWritesAndPublishesAndAnOperatorReadsAndSearchesInRussian() {
        Browsers.signIn(page, port, acme.code(), "admin", TestTenants.PASSWORD);
        page.navigate("http://localhost:" + port + "/?lang=ru");
        page.click("nav >> text=База знаний");
        assertThat(page.locator("h1")).hasText("База знаний");

        // a staff-only topic, and an open one
        page.fill("#kb-topic-name", "Регламенты персонала");
        page.check("#kb-new-topic input[value=hr]");
        page.click("#kb-create-topic");
        assertThat(page.locator("#kb-topic-name-heading")).hasText("Регламенты персонала");
        page.click("a[href='/kb']");
        page.fill("#kb-topic-name", "Скрипты");
        page.click("#kb-create-topic");
        assertThat(page.locator("#kb-topic-name-heading")).hasText("Скрипты");

        // a new article with a live preview that drops scripts
        page.click("#kb-new-article");
        page.fill("#kb-title", "Как принять заявку");
        page.fill("#kb-markdown", "Каждая **заявка** регистрируется.\n\n<script>window.pwned=1</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        assertThat(page.locator("#kb-preview strong")).hasText("заявка");
        assertThat(page.locator("#kb-preview table")).isVisible();
        assertThat(page.locator("#kb-preview script")).hasCount(0);
        page.click("#kb-save");
        assertThat(page.locator("#kb-saved")).containsText("версия 1");
        assertThat(page.locator("#kb-status .badge")).hasText("черновик");

        // an attachment: an oversized one is refused with a clear message, a small one is listed
        page.setInputFiles("#kb-file", new com.microsoft.playwright.options.FilePayload("big.pdf", "application/pdf",
                new byte[10 * 1024 * 1024 + 1]));
        assertThat(page.locator("#kb-file-error")).hasText("Файл слишком большой.");
        page.setInputFiles("#kb-file", new com.microsoft.playwright.options.FilePayload("памятка.txt", "text/plain",
                "Памятка оператора".getBytes(StandardCharsets.UTF_8)));
        assertThat(page.locator("#kb-files")).containsText("памятка.txt");

        page.click("#kb-publish");
        assertThat(page.locator("#kb-published")).containsText("Версия 2");
        assertThat(page.locator("#kb-status .badge")).hasText("опубликована");
        assertThat(page.locator("#kb-versions li")).hasCount(2);
        page.click("#kb-status a");
        assertThat(page.locator("#kb-body table")).isVisible();
        assertThat(page.locator("#kb-body script")).hasCount(0);
        // a topic with articles is kept; an empty one can be renamed and deleted
        page.click(".kb-topics >> text=Скрипты");
        page.click("#kb-delete-topic");
        assertThat(page.locator("#kb-error")).hasText("В разделе есть подразделы или статьи: сначала перенесите или удалите их.");
        page.click(".kb-topics >> text=Регламенты персонала");
        assertThat(page.locator("#kb-topic-settings input[value=hr]")).isChecked();
        page.fill("#kb-topic-rename", "Регламенты");
        page.click("#kb-save-topic");
        assertThat(page.locator("#kb-topic-saved")).isVisible();
        assertThat(page.locator("#kb-topic-name-heading")).hasText("Регламенты");
        page.click("a[href='/kb']");
        page.fill("#kb-topic-name", "Временный");
        page.click("#kb-create-topic");
        page.click("#kb-delete-topic");
        assertThat(page.locator("#kb-topic-deleted")).isVisible();
        assertThat(page.locator(".kb-topics")).not().containsText("Временный");
        page.click("form.logout button");

        // the operator: sees the open topic only, finds the article by another form of the word
        Browsers.signIn(page, port, acme.code(), "op", TestTenants.PASSWORD);
        page.navigate("http://localhost:" + port + "/kb");
        assertThat(page.locator(".kb-topics")).containsText("Скрипты");
        assertThat(page.locator(".kb-topics")).not().containsText("Регламенты");
        assertThat(page.locator("#kb-new-topic")).hasCount(0);
        page.fill("#kb-q", "заявок");
        page.click("#kb-search-button");
        assertThat(page.locator(".kb-hit a")).hasText("Как принять заявку");
        assertThat(page.locator(".kb-hit .snippet mark").first()).hasText("заявка");
        page.click(".kb-hit a");
        assertThat(page.locator("h1")).hasText("Как принять заявку");
        assertThat(page.locator(".kb-files")).containsText("памятка.txt");
        assertThat(page.locator("#kb-edit")).hasCount(0);
        page.fill("#kb-q", "пылесос");
        page.click("#kb-search-button");
        assertThat(page.locator("#kb-no-hits")).hasText("Ничего не найдено.");
    }

    @Test
    void theReaderSpeaksEnglishAndAClosedArticleIsNotFound() {
        shot = "kb-en";
        context.close();
        context = Browsers.chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(1360, 900).setLocale("en-US"));
        page = context.newPage();
        Browsers.signIn(page, port, acme.code(), "op", TestTenants.PASSWORD);
        page.navigate("http://localhost:" + port + "/kb?lang=en");
        assertThat(page.locator("h1")).hasText("Knowledge base");
        assertThat(page.locator("#kb-search-button")).hasText("Search");
        page.navigate("http://localhost:" + port + "/kb/articles/" + java.util.UUID.randomUUID() + "?lang=en");
        assertThat(page.locator("#kb-error")).hasText("There is no such page, or it is not for you.");
        org.assertj.core.api.Assertions.assertThat(
                page.navigate("http://localhost:" + port + "/kb/new?topic=" + java.util.UUID.randomUUID()).status())
                .as("readers do not get the editor").isEqualTo(403);
    }
}
