package io.linia.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The workstation as an operator feels it (issue 7: a page interaction shows on screen within
 * 200 ms of the click; the page loads in under 1 s), in Debian's headless Chromium driven by
 * Playwright against a running node:
 * <ul>
 *   <li><b>load</b>: {@code loads} navigations to {@code /workstation}, each timed from the
 *   navigation's start to the moment the page is usable — its state read from the server and
 *   its WebSocket subscribed ({@code #ws[data-connected=true]}), by the page's own
 *   {@code performance.now()};</li>
 *   <li><b>interaction</b>: {@code clicks} status changes (pause with a reason, free, …), each
 *   timed inside the page from the click to the state badge showing the new state (a
 *   MutationObserver), so the figure is click → HTTP → ACD → push/answer → DOM;</li>
 *   <li><b>answer</b>: {@code answers} simulated calls offered to the operator (placed through
 *   {@code /api/v1/sim/calls}; the page rings), each timed inside the page from the click on
 *   Answer to the call panel showing the talking state ({@code #ws-call-state[data-state=connected]},
 *   the same MutationObserver method); the call is then hung up and wrapped up outside the timing.</li>
 * </ul>
 *
 * <p>Usage: {@code WorkstationPageBench <baseUrl> <providerPassword> [loads] [clicks] [answers]}
 */
public final class WorkstationPageBench {

    /** Clicks a button and resolves with the ms until the state badge shows {@code want}. */
    private static final String CLICK_AND_WAIT = """
            ([button, want]) => new Promise((resolve) => {
              const badge = document.getElementById('ws-state');
              const t0 = performance.now();
              const done = () => { observer.disconnect(); resolve(performance.now() - t0); };
              const observer = new MutationObserver(() => { if (badge.dataset.state === want) done(); });
              observer.observe(badge, { attributes: true, childList: true, subtree: true, characterData: true });
              document.getElementById(button).click();
            })
            """;

    /** Clicks Answer and resolves with the ms until the call panel shows the call connected. */
    private static final String ANSWER_AND_WAIT = """
            () => new Promise((resolve) => {
              const state = document.getElementById('ws-call-state');
              const t0 = performance.now();
              const done = () => { observer.disconnect(); resolve(performance.now() - t0); };
              const observer = new MutationObserver(() => { if (state.dataset.state === 'connected') done(); });
              observer.observe(state, { attributes: true, childList: true, subtree: true, characterData: true });
              document.getElementById('ws-answer').click();
            })
            """;

    private static final java.util.regex.Pattern CALL_ID = java.util.regex.Pattern.compile("\"callId\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String providerPassword = args[1];
        int loads = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int clicks = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int answers = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        BenchHttp api = new BenchHttp(base, Duration.ofSeconds(60));
        String provider = api.token("provider", "admin", providerPassword);
        String admin = api.newTenant(provider, "desk", "UTC").adminToken();
        String queue = BenchHttp.id(api.send("POST", "/api/v1/queues", admin, "{\"number\":\"100\",\"name\":\"Desk\"}", 201));
        String password = "Desk-Pass-1";
        String user = BenchHttp.id(api.send("POST", "/api/v1/users", admin, "{\"login\":\"op\",\"fullName\":\"Operator\","
                + "\"extension\":\"201\",\"password\":\"" + password + "\",\"roles\":[\"operator\"]}", 201));
        String token = api.passwordChanged("desk", "op", password);
        api.send("PUT", "/api/v1/agent/queues/" + queue, token, null, 200);

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Paths.get(System.getProperty("linia.chromium", "/usr/bin/chromium")))
                    .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
            BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                    .setViewportSize(1360, 768).setLocale("ru-RU"));
            Page page = context.newPage();
            page.navigate(base + "/login");
            page.fill("input[name=tenant]", "desk");
            page.fill("input[name=username]", "op");
            page.fill("input[name=password]", password + "x");
            page.click("#login-form button[type=submit]");
            page.waitForURL("**/workstation");

            Histogram load = new Histogram(60_000, 3);
            for (int i = 0; i < loads + 5; i++) {
                page.navigate(base + "/workstation");
                page.waitForSelector("#ws[data-connected=true]");
                double ms = ((Number) page.evaluate("() => performance.now()")).doubleValue();
                if (i >= 5) { // the first few warm the server's and the browser's caches
                    load.recordValue(Math.round(ms));
                }
            }
            Histogram click = new Histogram(60_000, 3);
            page.selectOption("#ws-reason", "break");
            for (int i = 0; i < clicks + 10; i++) {
                boolean pause = i % 2 == 0;
                double ms = ((Number) page.evaluate(CLICK_AND_WAIT,
                        List.of(pause ? "ws-pause" : "ws-free", pause ? "PAUSED" : "FREE"))).doubleValue();
                if (i >= 10) {
                    click.recordValue(Math.round(ms));
                }
            }
            // answer: the operator is free; a call is offered and rings on the page; Answer is clicked
            page.evaluate(CLICK_AND_WAIT, List.of("ws-free", "FREE"));
            Histogram answer = new Histogram(60_000, 3);
            for (int i = 0; i < answers + 5; i++) {
                String placed = api.send("POST", "/api/v1/sim/calls", admin,
                        "{\"caller\":\"+7495" + (1_000_000 + i) + "\",\"dialled\":\"100\"}", 201);
                java.util.regex.Matcher m = CALL_ID.matcher(placed);
                if (!m.find()) {
                    throw new IllegalStateException("no callId: " + placed);
                }
                String callId = m.group(1);
                page.waitForSelector("#ws[data-ringing=true]");
                page.waitForSelector("#ws-answer:not([disabled])");
                double ms = ((Number) page.evaluate(ANSWER_AND_WAIT)).doubleValue();
                if (i >= 5) {
                    answer.recordValue(Math.round(ms));
                }
                api.send("POST", "/api/v1/agent/calls/" + callId + "/hangup", token, null, 200);
                api.send("POST", "/api/v1/agent/calls/" + callId + "/wrapup", token, "{\"resultCode\":\"resolved\"}", 200);
                page.waitForSelector("#ws-state[data-state=FREE]");
            }
            System.out.printf("page load to usable (state read, push subscribed), %d loads: p50 %d ms, p90 %d ms, p99 %d ms,"
                            + " max %d ms%n", load.getTotalCount(), load.getValueAtPercentile(50), load.getValueAtPercentile(90),
                    load.getValueAtPercentile(99), load.getMaxValue());
            System.out.printf("status click to new state on screen, %d clicks: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                    click.getTotalCount(), click.getValueAtPercentile(50), click.getValueAtPercentile(90),
                    click.getValueAtPercentile(99), click.getMaxValue());
            System.out.printf("answer click to the call panel talking, %d answers: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                    answer.getTotalCount(), answer.getValueAtPercentile(50), answer.getValueAtPercentile(90),
                    answer.getValueAtPercentile(99), answer.getMaxValue());
            System.out.println("operator " + user + " ends " + api.send("GET", "/api/v1/agent/state", token, null, 200));
            browser.close();
        }
    }
}
