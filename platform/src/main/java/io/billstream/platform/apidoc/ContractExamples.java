package io.billstream.platform.apidoc;

import io.billstream.events.EventCatalog;
import io.billstream.events.EventJson;
import io.billstream.events.EventSamples;
import io.billstream.events.EventType;
import io.swagger.v3.oas.models.OpenAPI;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.JsonNode;

/**
 * Gives every schema of the API that is a type of the event contract (Money, Address, MerchantSettings, OrderLine...)
 * an example taken from the contract's golden samples, so that the API documentation and the events show the same
 * values, and no service writes these examples again.
 */
class ContractExamples implements OpenApiCustomizer {

    private final Map<String, Object> bySchemaName = new HashMap<>();

    ContractExamples() {
        for (EventType<?> type : EventCatalog.ALL) {
            collect(type.payloadType(), EventSamples.json(type));
        }
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        openApi.getComponents().getSchemas().forEach((name, schema) -> {
            Object example = bySchemaName.get(name);
            if (example != null && schema.getExample() == null) {
                schema.setExample(example);
            }
        });
    }

    /** Records the sample of every record type found inside {@code record}, the first sample seen of each. */
    private void collect(Class<?> record, JsonNode sample) {
        for (RecordComponent component : record.getRecordComponents()) {
            JsonNode value = sample.path(component.getName());
            Class<?> nested = recordType(component.getGenericType());
            if (nested == null || value.isMissingNode() || value.isNull()) {
                continue;
            }
            JsonNode first = value.isArray() ? value.path(0) : value;
            if (first.isObject() && !bySchemaName.containsKey(nested.getSimpleName())) {
                bySchemaName.put(nested.getSimpleName(), EventJson.mapper().convertValue(first, Map.class));
                collect(nested, first);
            }
        }
    }

    private static Class<?> recordType(Type type) {
        if (type instanceof Class<?> cls) {
            return cls.isRecord() ? cls : null;
        }
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return recordType(parameterized.getActualTypeArguments()[0]);
        }
        return null;
    }
}
