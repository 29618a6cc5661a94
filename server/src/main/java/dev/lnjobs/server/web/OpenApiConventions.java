package dev.lnjobs.server.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules the whole document follows, so that no controller has to remember them: operations are tagged by feature
 * (by path), every operation names its problem responses (application/problem+json, schema {@code Problem}), and
 * every property a response may carry as {@code null} is {@code nullable} (all that the schema does not list as
 * required; {@link OpenApiNullability} lists the primitive ones, which never are null), and the common properties carry
 * the walkthrough's values as examples.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConventions {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Path prefix to tag, first match wins. */
    private static final Map<String, String> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put("/api/jobs", "jobs");
        TAGS.put("/api/sessions", "sessions");
        TAGS.put("/api/bootstrap", "bootstrap");
        TAGS.put("/api/admin", "admin");
        TAGS.put("/api/lightning", "lightning");
        TAGS.put("/api/dev", "lightning");
        TAGS.put("/api/demo", "demo");
        TAGS.put("/api/health", "health");
        TAGS.put("/v1/messages", "Anthropic-compatible");
        TAGS.put("/v1", "OpenAI-compatible");
    }

    private static final Map<String, String> TAG_DESCRIPTIONS = Map.of(
            "jobs", "One AI job paid by two invoices (evaluation, work), re-priced at actual cost; refunds",
            "sessions", "Pre-funded sessions: one deposit, many requests, each debited at actual cost",
            "bootstrap", "A Lightning-paid Bitcoin node provisioned on a cloud droplet",
            "admin", "Operator routes (ADMIN_TOKEN): audits by replay, stuck items, projection rebuilds",
            "lightning", "LNbits' payment webhook; in stub mode, the development pay route",
            "demo", "The free demo of the work model, rate-limited",
            "health", "Liveness and which adapters run (stub or real)",
            "OpenAI-compatible", "OpenAI's chat completions and model list; a session macaroon or an L402 credential",
            "Anthropic-compatible", "Anthropic's messages; a session macaroon (x-api-key) or an L402 credential");

    /**
     * The success statuses of the routes that answer more than 200 (springdoc sees only the method's return type):
     * a creation is 201 once its invoice is issued and 202 before; a refund claim is 202.
     */
    private static final Map<String, List<String>> SUCCESS = Map.of(
            "POST /api/jobs", List.of("201", "202"),
            "POST /api/sessions", List.of("201", "202"),
            "POST /api/bootstrap", List.of("201", "202"),
            "POST /api/sessions/{sessionId}/topup", List.of("201", "202"),
            "POST /api/sessions/{sessionId}/request", List.of("200", "202"),
            "POST /api/jobs/{jobId}/refund", List.of("202"),
            "POST /api/sessions/{sessionId}/withdraw", List.of("202"),
            "POST /api/bootstrap/{bootstrapJobId}/refund", List.of("202"));

    /** Examples by property name, the walkthrough's values, wherever a schema has such a property without one. */
    private static final Map<String, Object> EXAMPLES = Map.of(
            "jobId", "815804c4-6388-41c1-9053-b788734986f3",
            "sessionId", "3a63155b-254c-48e9-afd4-28e3b4ab1d4f",
            "paymentHash", "2d2e7748a65f0e2bfb974c6c149cc2c6ae82564beb4e41991efee8ddb28d8d2a",
            "paymentRequest", "lnbcrt100n1p4s75y2sp5…",
            "request", "Write a haiku about lightning payments",
            "amountSats", 10,
            "amount_sats", 500,
            "macaroon", "AgEGbG5qb2Jz…",
            "accessToken", "AgEGbG5qb2Jz…");

    @Bean
    OpenApiCustomizer documentConventions() {
        return openApi -> {
            problemSchema(openApi);
            if (openApi.getPaths() != null) {
                Set<String> operationIds = new HashSet<>();
                openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    operation(path, method, operation);
                    operationId(operation, operationIds);
                }));
            }
            List<Tag> tags = new ArrayList<>();
            TAGS.values().stream().distinct().forEach(name -> tags.add(new Tag().name(name)
                    .description(TAG_DESCRIPTIONS.get(name))));
            openApi.setTags(tags);
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().forEach((name, schema) -> nullable(schema));
            }
        };
    }

    private static void operation(String path, PathItem.HttpMethod method, Operation operation) {
        TAGS.entrySet().stream().filter(entry -> path.startsWith(entry.getKey())).findFirst()
                .ifPresent(entry -> operation.setTags(List.of(entry.getValue())));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        List<String> success = SUCCESS.get(method + " " + path);
        ApiResponse ok = responses.get("200");
        if (success != null && ok != null) {
            responses.remove("200");
            for (String status : success) {
                responses.addApiResponse(status, new ApiResponse().content(ok.getContent()).headers(ok.getHeaders())
                        .description(status.equals("202") ? "accepted: not finished yet, read it again later"
                                : ok.getDescription()));
            }
        }
        boolean body = operation.getRequestBody() != null;
        boolean pathParameters = path.contains("{");
        if (path.startsWith("/v1/")) {
            // the compatible routes answer errors in their provider's own JSON shape, not as problems
            if (!(method == PathItem.HttpMethod.GET && path.equals("/v1/models"))) {
                l402(operation);
            }
            return;
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (body || pathParameters || operation.getParameters() != null) {
            problem(responses, "400", "bad input: malformed JSON, a wrong type, a bad id or value (field names it)");
        }
        if (secured) {
            problem(responses, "401", "no token, or one not issued by this service (WWW-Authenticate: Bearer)");
        }
        if (pathParameters) {
            problem(responses, "404", "no such resource");
        }
        if (body) {
            problem(responses, "413", "a body over 64 KiB or without a declared length");
            problem(responses, "415", "not application/json");
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
            problem(responses, "409", "the resource's state does not allow this command");
        }
        problem(responses, "405", "the route does not take this method");
        problem(responses, "default", "any other refusal: a problem");
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5") || status.equals("default")) {
                problemContent(response);
            }
        });
    }

    /**
     * The feature's tag and the controller method, e.g. {@code sessionsCreate}, so that a generated client's method
     * names say what they do and do not move when another controller gains a method of the same name.
     */
    private static void operationId(Operation operation, Set<String> taken) {
        if (operation.getOperationId() == null || operation.getTags() == null || operation.getTags().isEmpty()) {
            return;
        }
        String method = operation.getOperationId().replaceAll("_\\d+$", "");
        String id = identifier(operation.getTags().get(0)) + Character.toUpperCase(method.charAt(0))
                + method.substring(1);
        String unique = id;
        for (int n = 2; !taken.add(unique); n++) {
            unique = id + n;
        }
        operation.setOperationId(unique);
    }

    /** A tag as the start of an operation id: "OpenAI-compatible" is "openaiCompatible", "jobs" stays. */
    private static String identifier(String tag) {
        StringBuilder id = new StringBuilder();
        for (String part : tag.split("[^A-Za-z0-9]+")) {
            String lower = part.toLowerCase(java.util.Locale.ROOT);
            id.append(id.length() == 0 ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
        }
        return id.toString();
    }

    /** The model routes take an L402 credential besides a bearer key, and challenge a call without one (402). */
    private static void l402(Operation operation) {
        operation.addSecurityItem(new SecurityRequirement().addList(OpenApiDocument.L402));
        if (operation.getResponses() != null && !operation.getResponses().containsKey("402")) {
            operation.getResponses().addApiResponse("402", new ApiResponse()
                    .description("no credential: pay the invoice of the WWW-Authenticate challenges (LSAT, then "
                            + "L402), then send Authorization: L402 <macaroon>:<hex preimage>; or the balance is "
                            + "too low"));
        }
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        }
    }

    /** A problem response's body is application/problem+json, whatever else it may also be answered as. */
    private static void problemContent(ApiResponse response) {
        Content content = response.getContent() == null ? new Content() : response.getContent();
        content.remove("*/*");
        content.put(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
        response.setContent(content);
    }

    private static void problemSchema(OpenAPI openApi) {
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details; refusals by the rules carry a stable type")
                .addProperty("type", new StringSchema().example("urn:lnjobs:problem:not-allowed-in-state"))
                .addProperty("title", new StringSchema().example("Not allowed in this state"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty("detail", new StringSchema().example("the job is awaiting_eval_payment"))
                .addProperty("instance", new StringSchema().nullable(true));
        problem.setAdditionalProperties(true);
        openApi.getComponents().addSchemas(PROBLEM, problem);
    }

    /** Every property outside {@code required} may be null; a reference is wrapped so that it can say so. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullable(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        properties.forEach((name, property) -> {
            if (property.getExample() == null && property.get$ref() == null && EXAMPLES.containsKey(name)) {
                property.setExample(EXAMPLES.get(name));
            }
            if (required.contains(name)) {
                return;
            }
            if (property.get$ref() != null) {
                ComposedSchema wrapped = new ComposedSchema();
                wrapped.addAllOfItem(new Schema<>().$ref(property.get$ref()));
                wrapped.setNullable(true);
                wrapped.setDescription(property.getDescription());
                schema.getProperties().put(name, wrapped);
            } else {
                property.setNullable(true);
            }
        });
    }
}
