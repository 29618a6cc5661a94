package dev.lnjobs.server.page;

import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The page routes answer HTML under a CSP without inline code; the API and Swagger UI keep their own headers. */
class WebPageHeadersTest extends ServerTest {

    @Test
    void every_page_route_answers_its_page_under_a_policy_without_inline_code_or_other_origins() {
        for (String path : new String[]{"/", "/jobs/" + UUID.randomUUID(), "/sessions", "/bootstrap", "/admin",
                "/assets/common.js", "/assets/app.css"}) {
            ApiClient.Response page = api().get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            String policy = page.header("Content-Security-Policy");
            assertThat(policy).as(path).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                    "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "http", "*");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        String ask = api().get("/").raw().body();
        assertThat(ask).contains("<label for=\"request\">Your request</label>", "src=\"/assets/ask.js\"")
                .doesNotContain("<script>", "style=", "onclick=", "https://");
        assertThat(api().get("/jobs/" + UUID.randomUUID()).raw().body()).contains("src=\"/assets/job.js\"");
    }

    @Test
    void swagger_ui_and_the_json_api_carry_no_page_policy() {
        ApiClient.Response redirect = api().get("/api/docs");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Content-Security-Policy")).isNull();
        ApiClient.Response docs = api().get(java.net.URI.create(redirect.header("Location")).getPath());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.raw().body()).contains("swagger-ui");
        assertThat(docs.header("Content-Security-Policy")).isNull();
        assertThat(api().get("/api/health").header("Content-Security-Policy")).isNull();
    }

    @Test
    void no_page_script_writes_html_from_data() {
        for (String asset : new String[]{"common", "ask", "job", "refund", "payout", "sessions", "bootstrap", "admin",
                "chart", "jobs-store"}) {
            String source = api().get("/assets/" + asset + ".js").raw().body();
            assertThat(source).as(asset).isNotBlank()
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                            "new Function");
        }
    }
}
