package dev.lnjobs.server.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;

/**
 * Lists every component of primitive Java type (long, int, boolean) of our records as required: Jackson always
 * writes it, and it is never null. Every other property may be answered as null, and {@link OpenApiConventions}
 * declares it nullable.
 */
@Component
class OpenApiNullability implements ModelConverter {

    private static final String REF_PREFIX = "#/components/schemas/";

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema<?> resolved = chain.next().resolve(type, context, chain);
        Class<?> raw = type.getType() == null ? null : TypeFactory.defaultInstance().constructType(type.getType())
                .getRawClass();
        if (resolved == null || raw == null || !raw.isRecord() || !raw.getName().startsWith("dev.lnjobs.")) {
            return resolved;
        }
        Schema<?> model = resolved;
        if (resolved.get$ref() != null && resolved.get$ref().startsWith(REF_PREFIX)) {
            model = context.getDefinedModels().get(resolved.get$ref().substring(REF_PREFIX.length()));
        }
        if (model == null || model.getProperties() == null) {
            return resolved;
        }
        for (RecordComponent component : raw.getRecordComponents()) {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            boolean listed = model.getRequired() != null && model.getRequired().contains(name);
            if (component.getType().isPrimitive() && model.getProperties().containsKey(name) && !listed) {
                model.addRequiredItem(name);
            }
        }
        return resolved;
    }
}
