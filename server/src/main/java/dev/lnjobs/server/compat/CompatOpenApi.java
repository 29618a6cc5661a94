package dev.lnjobs.server.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

/**
 * The compatible routes take and answer the providers' JSON as Jackson trees; the OpenAPI document shows them as
 * JSON objects (the providers' own documents define their members) instead of introspecting Jackson's node classes.
 */
@Configuration(proxyBeanMethods = false)
class CompatOpenApi {

    static {
        SpringDocUtils.getConfig().replaceWithClass(JsonNode.class, Object.class)
                .replaceWithClass(ObjectNode.class, Object.class);
    }
}
