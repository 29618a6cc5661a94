package dev.lnjobs.server.limits;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/** Declares the limits' 429 on the routes CreationLimitInterceptor counts, which the controllers do not know of. */
@Configuration(proxyBeanMethods = false)
class CreationLimitDocs {

    private static final Map<String, PathItem.HttpMethod> LIMITED = Map.of("/api/jobs", PathItem.HttpMethod.POST,
            "/api/sessions", PathItem.HttpMethod.POST, "/api/bootstrap", PathItem.HttpMethod.POST,
            "/api/demo", PathItem.HttpMethod.GET);

    @Bean
    OpenApiCustomizer creationLimitResponses() {
        return openApi -> LIMITED.forEach((path, method) -> {
            PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
            Operation operation = item == null ? null : item.readOperationsMap().get(method);
            if (operation != null && operation.getResponses() != null) {
                operation.getResponses().addApiResponse("429", tooManyRequests());
            }
        });
    }

    private static ApiResponse tooManyRequests() {
        return new ApiResponse()
                .description("a creation limit per client address and hour (or the demo's cap for all clients) is "
                        + "used up; problem+json")
                .addHeaderObject("Retry-After", new Header().description("seconds until the next one is allowed")
                        .schema(new IntegerSchema()))
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new ObjectSchema())));
    }
}
