package dev.lnjobs.server.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ServerTest;
import dev.lnjobs.server.support.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in a real Chromium against the whole server (stub Lightning, stub model): a person asks, pays from
 * outside the page (the stub pay route, as a wallet would), watches the job and claims the refund; a session with
 * two requests; a node bootstrap; the operator's dashboard; hostile request text; a 360 px phone. Screenshots go to
 * docs/screenshots.
 */
class WebPageBrowserTest extends ServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final NodeKey CLIENT_WALLET = NodeKey.fromPrivateKeyHex("44".repeat(32));
    private static final String CONTRAST = resource("/page/contrast.js");
    private static final String LABELS = resource("/page/labels.js");
    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        Chromium.requireInstalled();
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void noPolicyViolations() {
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
        assertThat(violations).as("the page breaks its own CSP").isEmpty();
    }

    @Test
    void a_person_asks_pays_both_invoices_from_outside_reads_the_answer_and_claims_the_refund() {
        open("/");
        browser.findElement(By.id("request")).sendKeys("Write a haiku about lightning payments");
        Chromium.screenshot(browser, "ask");
        browser.findElement(By.id("ask-button")).click();
        until(ExpectedConditions.urlContains("/jobs/"));
        String jobId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(browser.getCurrentUrl()).isEqualTo(api().base() + "/jobs/" + jobId); // no token in the URL
        assertThat(script("return JSON.parse(localStorage.getItem('lnjobs.jobs'))[arguments[0]].accessToken",
                jobId)).asString().isNotBlank();

        String evalHash = invoiceOnPage("Evaluation invoice: 10 sats");
        WebElement qr = browser.findElement(By.cssSelector("#invoice img.qr"));
        until(d -> ((Number) script("return arguments[0].naturalWidth", qr)).intValue() > 0);
        assertThat(qr.getSize().getWidth()).isGreaterThanOrEqualTo(200);
        assertThat(browser.findElement(By.cssSelector("#invoice a[href^='lightning:lnbcrt']")).isDisplayed())
                .isTrue();
        Chromium.screenshot(browser, "job-evaluation-invoice");
        pay(evalHash);

        String workHash = invoiceOnPage("Work invoice: 129 sats");
        Chromium.screenshot(browser, "job-work-invoice");
        pay(workHash);

        until(ExpectedConditions.visibilityOfElementLocated(By.id("answer")));
        browser.navigate().refresh(); // the job's page survives a reload: id in the path, token in localStorage
        WebElement answer = until(ExpectedConditions.visibilityOfElementLocated(By.id("answer")));
        assertThat(answer.getText()).isNotBlank();
        String ledger = browser.findElement(By.id("ledger")).getText();
        assertThat(ledger).contains("Price of the work 129 sats (paid)", "Actual cost 126 sats",
                "Refund 3 sats (pending)");

        WebElement invoiceField = until(ExpectedConditions.visibilityOfElementLocated(By.id("refund-value")));
        invoiceField.sendKeys(clientInvoice(3));
        browser.findElement(By.cssSelector("#refund-form button[type=submit]")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("refund"), "Refund of 3 sats paid."));
        assertThat(api().get("/api/jobs/" + jobId).body().path("costLedger").path("refundState").asText())
                .isEqualTo("paid");
        Chromium.screenshot(browser, "job-complete");

        // followed by long polls held by the server, not by a tight loop of reads
        long reads = ((Number) script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/jobs/')).length")).longValue();
        assertThat(reads).isLessThan(12);
    }

    @Test
    void hostile_request_text_is_shown_as_characters_and_runs_nothing() {
        String hostile = "<img src=x onerror=\"window.__xss='img'\"><script>window.__xss='script'</script> & done";
        open("/");
        // by keyboard alone: Tab to the labelled request box, type, Tab to the button, Enter
        WebElement body = browser.findElement(By.tagName("body"));
        for (int i = 0; i < 10 && !"request".equals(script("return document.activeElement.id")); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(script("return document.activeElement.id")).isEqualTo("request");
        assertThat(body).isNotNull();
        browser.switchTo().activeElement().sendKeys(hostile);
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(script("return document.activeElement.id")).isEqualTo("ask-button");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        until(ExpectedConditions.textToBePresentInElementLocated(By.id("request"), "& done"));
        WebElement request = browser.findElement(By.id("request"));
        assertThat(request.getText()).isEqualTo(hostile);
        assertThat(request.findElements(By.xpath(".//*"))).isEmpty();
        pay(invoiceOnPage("Evaluation invoice"));
        pay(invoiceOnPage("Work invoice"));
        WebElement answer = until(ExpectedConditions.visibilityOfElementLocated(By.id("answer")));
        assertThat(answer.findElements(By.xpath(".//*"))).isEmpty();
        assertThat(script("return typeof window.__xss")).isEqualTo("undefined");
        assertThat(browser.findElements(By.cssSelector("main img:not(.qr)"))).isEmpty();
        Chromium.screenshot(browser, "hostile-request");
    }

    @Test
    void a_rejected_job_says_what_happened_and_that_nothing_is_owed() {
        JsonNode job = api().postJson("/api/jobs", "{\"request\": \"please reject this\"}").body();
        open("/"); // the token is kept as the ask page keeps it, in this origin's localStorage
        browser.executeScript("localStorage.setItem('lnjobs.jobs', JSON.stringify({[arguments[0]]: "
                + "{accessToken: arguments[1], createdAt: new Date().toISOString()}}))", job.path("jobId").asText(),
                job.path("accessToken").asText());
        open("/jobs/" + job.path("jobId").asText());
        pay(invoiceOnPage("Evaluation invoice: 10 sats"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "The evaluation declined"));
        assertThat(browser.findElement(By.id("status")).getText())
                .contains("The 10-sat evaluation fee paid for that evaluation", "nothing is owed to you");
        assertThat(browser.findElements(By.id("refund-form"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("section.invoice"))).isEmpty();
    }

    @Test
    void a_session_is_paid_once_and_answers_two_requests_with_their_costs() {
        open("/sessions");
        script("localStorage.removeItem('lnjobs.session')");
        browser.navigate().refresh();
        until(ExpectedConditions.elementToBeClickable(By.id("open-session"))).click();
        String macaroon = until(ExpectedConditions.visibilityOfElementLocated(By.id("macaroon"))).getText();
        assertThat(macaroon).isNotBlank();
        assertThat(script("return JSON.parse(localStorage.getItem('lnjobs.session')).macaroon")).isEqualTo(macaroon);
        pay(invoiceOnPage("Deposit invoice: 500 sats"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("balance"), "500 sats"));

        ask("Explain proof of work in one sentence");
        ask("And proof of stake?");
        List<WebElement> items = browser.findElements(By.cssSelector("#chat > li"));
        assertThat(items).hasSize(2);
        assertThat(items.get(1).getText()).contains("And proof of stake?", "Cost ", "balance after:");
        long balance = Long.parseLong(browser.findElement(By.id("balance")).getText().replaceAll("[^0-9]", ""));
        assertThat(balance).isLessThan(500).isPositive();
        Chromium.screenshot(browser, "session");

        // the LNURL-withdraw choice draws the link's QR code; then the balance is withdrawn to a Lightning Address
        // (the stub adapter answers any address) and paid once
        browser.findElement(By.cssSelector("input[name='withdrawal-method'][value='lnurl']")).click();
        browser.findElement(By.cssSelector("#withdrawal-form button[type=submit]")).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#withdrawal-lnurl img.qr")));
        assertThat(browser.findElement(By.cssSelector("#withdrawal-lnurl .secret")).getText()).startsWith("LNURL1");
        browser.findElement(By.cssSelector("input[name='withdrawal-method'][value='address']")).click();
        browser.findElement(By.id("withdrawal-value")).sendKeys("me@stub.invalid");
        browser.findElement(By.cssSelector("#withdrawal-form button[type=submit]")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("withdrawal-status"), "Accepted"));
        String sessionId = (String) script("return JSON.parse(localStorage.getItem('lnjobs.session')).sessionId");
        JsonNode withdrawal = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> api().getWithBearer("/api/sessions/" + sessionId + "/withdrawal", macaroon).body(),
                w -> w.path("state").asText().equals("paid"));
        assertThat(withdrawal.path("amountSats").asLong() + withdrawal.path("feeReserveSats").asLong())
                .isEqualTo(balance);
        Chromium.screenshot(browser, "session-withdrawn");
    }

    @Test
    void a_node_bootstrap_is_paid_watched_and_its_key_offered_once() {
        open("/bootstrap");
        script("localStorage.removeItem('lnjobs.bootstrap')");
        browser.navigate().refresh();
        until(ExpectedConditions.elementToBeClickable(By.id("start-bootstrap"))).click();
        pay(invoiceOnPage("Bootstrap invoice"));
        until(ExpectedConditions.visibilityOfElementLocated(By.id("download-key")));
        assertThat(browser.findElement(By.id("steps")).getText()).contains("The node is ready ✓");
        Chromium.screenshot(browser, "bootstrap");
    }

    @Test
    void the_operator_sees_jobs_money_refunds_sessions_audits_stuck_items_and_processors() {
        JsonNode job = api().postJson("/api/jobs", "{\"request\": \"dashboard job\"}").body();
        pay(job.path("evalInvoice").path("paymentHash").asText());
        await(job.path("jobId").asText());
        open("/admin");
        browser.findElement(By.id("admin-token")).sendKeys(TestSettings.all().get("lnjobs.admin.token"), Keys.ENTER);
        until(ExpectedConditions.visibilityOfElementLocated(By.id("processors")));
        assertThat(script("return sessionStorage.getItem('lnjobs.adminToken')")).isEqualTo("test-admin-token");
        assertThat(browser.findElement(By.id("jobs")).getText()).contains("awaiting_work_payment");
        assertThat(browser.findElements(By.cssSelector("#money svg.chart rect.bar.revenue"))).isNotEmpty();
        for (String part : List.of("refunds", "sessions", "ledger", "pricing", "stuck")) {
            assertThat(browser.findElements(By.id(part))).as(part).hasSize(1);
        }
        assertThat(browser.findElement(By.id("pricing")).getText()).contains("priced as the policy gives");
        assertThat(browser.findElement(By.id("processors")).getText()).contains("UP");
        Chromium.screenshot(browser, "admin");
    }

    @Test
    void every_page_fits_a_360_pixel_phone_and_swagger_ui_still_works() {
        JsonNode job = api().postJson("/api/jobs", "{\"request\": \"phone job\"}").body();
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
        try {
            for (String path : List.of("/", "/jobs/" + job.path("jobId").asText(), "/sessions", "/bootstrap",
                    "/admin")) {
                open(path);
                until(d -> "complete".equals(script("return document.readyState")));
                if (path.startsWith("/jobs/")) {
                    invoiceOnPage("Evaluation invoice");
                    WebElement qr = browser.findElement(By.cssSelector("#invoice img.qr"));
                    until(d -> ((Number) script("return arguments[0].naturalWidth", qr)).intValue() > 0);
                    assertThat(qr.getSize().getWidth()).isGreaterThanOrEqualTo(200);
                    Chromium.phoneScreenshot(browser, "phone-job");
                }
                if (path.equals("/")) {
                    Chromium.phoneScreenshot(browser, "phone-ask");
                }
                assertThat(((Number) script("return window.innerWidth")).intValue()).as(path).isEqualTo(360);
                assertThat((List<?>) script(CONTRAST)).as("text below WCAG AA contrast on " + path).isEmpty();
                assertThat((List<?>) script(LABELS)).as("controls without a name on " + path).isEmpty();
                assertThat(((Number) script("return document.documentElement.scrollWidth")).intValue()).as(path)
                        .isLessThanOrEqualTo(360);
            }
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        open("/api/docs");
        until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .info .title")));
    }

    private void open(String path) {
        browser.get(api().base() + path);
    }

    private Object script(String code, Object... arguments) {
        return browser.executeScript(code, arguments);
    }

    private <T> T until(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).until(condition);
    }

    /** Waits for the invoice with this heading and answers its payment hash (the BOLT 11 field's id names it). */
    private String invoiceOnPage(String heading) {
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.invoice h3"), heading));
        return browser.findElement(By.cssSelector("section.invoice textarea.bolt11")).getAttribute("id")
                .substring("bolt11-".length());
    }

    private void pay(String paymentHash) {
        assertThat(api().post("/api/dev/stub/pay/" + paymentHash).status()).isEqualTo(200);
    }

    private void ask(String text) {
        int before = browser.findElements(By.cssSelector("#chat > li")).size();
        browser.findElement(By.id("session-request")).sendKeys(text);
        browser.findElement(By.id("send-request")).click();
        until(d -> d.findElements(By.cssSelector("#chat > li")).size() == before + 1
                && d.findElements(By.cssSelector("#chat > li")).get(before).getText().contains("Cost "));
    }

    private void await(String jobId) {
        until(d -> api().get("/api/jobs/" + jobId).body().path("state").asText().equals("awaiting_work_payment"));
    }

    private static String resource(String name) {
        try (var in = WebPageBrowserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String clientInvoice(long sats) {
        byte[] hash = new byte[32];
        new SecureRandom().nextBytes(hash);
        return Bolt11.encode(BitcoinNetwork.REGTEST, sats * 1000, Instant.now(), HexFormat.of().formatHex(hash),
                "cd".repeat(32), "refund", 3600, CLIENT_WALLET);
    }
}
