package dev.lnjobs.server.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI document's title, description and the credentials its operations name: a session's macaroon, the
 * access token a job or bootstrap is created with, and the operator's admin token, all three as
 * {@code Authorization: Bearer <token>}; and L402 on the model routes.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDocument {

    public static final String SESSION_MACAROON = "sessionMacaroon";
    public static final String ACCESS_TOKEN = "accessToken";
    public static final String ADMIN_TOKEN = "adminToken";
    public static final String L402 = "l402";

    @Bean
    OpenAPI lnjobsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Lightning-paid AI jobs").version("0.1.0")
                        .description("AI work sold for Lightning payments and accounted to the satoshi: pay an "
                                + "evaluation invoice, then a work invoice priced from estimated tokens; the job is "
                                + "re-priced with the actual tokens and any overpayment refunded. Pre-funded "
                                + "sessions and a Lightning-paid node bootstrap beside it. Errors are "
                                + "application/problem+json (RFC 9457)."))
                .components(new Components()
                        .addSecuritySchemes(SESSION_MACAROON, bearer("macaroon",
                                "The session's macaroon, answered once by POST /api/sessions (and, to a holder, by "
                                        + "GET /api/sessions/{id}); usable once the deposit is paid"))
                        .addSecuritySchemes(ACCESS_TOKEN, bearer("macaroon",
                                "The accessToken answered once by POST /api/jobs or POST /api/bootstrap, bound to "
                                        + "that job or bootstrap"))
                        .addSecuritySchemes(ADMIN_TOKEN, bearer(null, "ADMIN_TOKEN, for /api/admin routes"))
                        .addSecuritySchemes(L402, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("L402")
                                .description("bLIP-0026, on the /v1 model routes: a call without credential is "
                                        + "answered 402 with WWW-Authenticate: LSAT and L402 challenges (macaroon, "
                                        + "invoice); pay the invoice, then send Authorization: L402 "
                                        + "<base64 macaroon>:<hex preimage> (LSAT is accepted too)")))
                // fixed, so that the committed docs/openapi.json does not depend on the port a server runs on
                .servers(List.of(new Server().url("http://localhost:8080").description("a local server")));
    }

    private static SecurityScheme bearer(String format, String description) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat(format)
                .description(description);
    }
}
