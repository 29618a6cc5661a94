package dev.lnjobs.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code docs/openapi.json} (what the client module generates from, without a server) is the live
 * document: this test writes the live one there and fails when it differed, so the change shows in the diff to
 * commit. It also holds the document's conventions: tags by feature, problem responses, nullable properties.
 */
class OpenApiFileTest extends ServerTest {

    static final Path FILE = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void the_committed_document_is_the_live_one() throws Exception {
        JsonNode live = api().get("/api/openapi.json").body();
        String text = JSON.writeValueAsString(live) + "\n";
        String committed = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
        Files.writeString(FILE, text, StandardCharsets.UTF_8);
        assertThat(committed).as("docs/openapi.json was out of date and is now rewritten: commit it").isEqualTo(text);
    }

    @Test
    void operations_are_tagged_by_feature_and_name_their_problems() {
        JsonNode document = api().get("/api/openapi.json").body();
        assertThat(document.path("info").path("title").asText()).isNotBlank();
        assertThat(document.path("info").path("version").asText()).isNotBlank();
        List<String> tags = new ArrayList<>();
        document.path("paths").forEach(item -> item.forEach(operation -> operation.path("tags")
                .forEach(tag -> tags.add(tag.asText()))));
        assertThat(tags).doesNotContain("session-controller", "job-controller").contains("jobs", "sessions");
        JsonNode refund = document.path("paths").path("/api/jobs/{jobId}/refund").path("post").path("responses");
        for (String status : List.of("400", "401", "404", "409")) {
            assertThat(refund.path(status).path("content").has("application/problem+json")).as(status).isTrue();
        }
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path(OpenApiDocument.L402).path("scheme").asText()).isEqualTo("L402");
    }

    @Test
    void what_a_job_read_answers_as_null_is_declared_nullable() {
        JsonNode schemas = api().get("/api/openapi.json").body().path("components").path("schemas");
        JsonNode ledger = null;
        for (JsonNode schema : schemas) {
            if (schema.path("properties").has("refundPaymentHash")
                    && schema.path("properties").has("workInputTokens")) {
                ledger = schema;
            }
        }
        assertThat(ledger).isNotNull();
        assertThat(ledger.path("properties").path("workInputTokens").path("nullable").asBoolean()).isTrue();
        assertThat(ledger.path("properties").path("refundPaymentHash").path("nullable").asBoolean()).isTrue();
    }
}
