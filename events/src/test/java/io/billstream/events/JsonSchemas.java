package io.billstream.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schema (draft 2020-12) for event records, the rule that tells an additive change from a breaking one, and a
 * validator strict enough for golden samples. Written for the shapes events use (records, enums, lists, scalars)
 * rather than for JSON Schema in general.
 */
final class JsonSchemas {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonSchemas() {}

    static ObjectNode generate(EventType<?> type) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://billstream.io/events/" + type.typeName() + ".json");
        schema.put("title", type.name());
        schema.setAll(objectSchema(type.payloadType()));
        return schema;
    }

    static ObjectNode objectSchema(Class<?> record) {
        if (!record.isRecord()) {
            throw new IllegalArgumentException(record.getName() + " is not a record");
        }
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (RecordComponent component : record.getRecordComponents()) {
            properties.set(component.getName(), schemaOf(component.getGenericType()));
            if (!component.isAnnotationPresent(OptionalField.class)) {
                required.add(component.getName());
            }
        }
        return schema;
    }

    private static ObjectNode schemaOf(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            ObjectNode array = JSON.objectNode().put("type", "array");
            array.set("items", schemaOf(parameterized.getActualTypeArguments()[0]));
            return array;
        }
        if (!(type instanceof Class<?> cls)) {
            throw new IllegalArgumentException("unsupported type in an event: " + type);
        }
        if (cls == UUID.class) {
            return JSON.objectNode().put("type", "string").put("format", "uuid");
        }
        if (cls == String.class) {
            return JSON.objectNode().put("type", "string");
        }
        if (cls == Instant.class || cls == OffsetDateTime.class) {
            return JSON.objectNode().put("type", "string").put("format", "date-time");
        }
        if (cls == LocalDate.class) {
            return JSON.objectNode().put("type", "string").put("format", "date");
        }
        if (cls == Currency.class) {
            return JSON.objectNode().put("type", "string").put("pattern", "^[A-Z]{3}$");
        }
        if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class) {
            return JSON.objectNode().put("type", "integer");
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (cls.isEnum()) {
            ObjectNode schema = JSON.objectNode().put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : cls.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return schema;
        }
        if (cls.isRecord()) {
            return objectSchema(cls);
        }
        throw new IllegalArgumentException("unsupported type in an event: " + cls.getName());
    }

    /**
     * What in {@code current} breaks a consumer written against {@code committed}: a property removed, its type,
     * format or pattern changed, an enum value removed, or a property that is newly required (events already on the
     * topics lack it). Adding optional properties and enum values is additive.
     */
    static List<String> breakingChanges(JsonNode committed, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("$", committed, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode committed, JsonNode current, List<String> problems) {
        for (String keyword : List.of("type", "format", "pattern")) {
            if (!committed.path(keyword).equals(current.path(keyword))) {
                problems.add("%s: %s changed from %s to %s"
                        .formatted(path, keyword, describe(committed.path(keyword)), describe(current.path(keyword))));
                return;
            }
        }
        if (committed.has("enum")) {
            Set<JsonNode> now = new HashSet<>(current.path("enum").valueStream().toList());
            committed
                    .get("enum")
                    .valueStream()
                    .filter(value -> !now.contains(value))
                    .forEach(value -> problems.add(path + ": enum value " + value + " removed"));
        }
        if (committed.has("items")) {
            compare(path + "[]", committed.get("items"), current.path("items"), problems);
        }
        if (committed.has("properties")) {
            JsonNode nowProperties = current.path("properties");
            committed.get("properties").properties().forEach(property -> {
                String child = path + "." + property.getKey();
                if (!nowProperties.has(property.getKey())) {
                    problems.add(child + ": removed");
                } else {
                    compare(child, property.getValue(), nowProperties.get(property.getKey()), problems);
                }
            });
            Set<JsonNode> wasRequired =
                    new HashSet<>(committed.path("required").valueStream().toList());
            current.path("required")
                    .valueStream()
                    .filter(name -> !wasRequired.contains(name))
                    .forEach(name -> problems.add(path + "." + name.asString()
                            + ": newly required; a component added to an event must be @OptionalField"));
        }
    }

    private static String describe(JsonNode keywordValue) {
        return keywordValue.isMissingNode() ? "none" : keywordValue.toString();
    }

    /**
     * Where {@code instance} does not match {@code schema}. Stricter than JSON Schema's defaults: a property the
     * schema does not know is an error, so a golden sample cannot drift from its record.
     */
    static List<String> violations(JsonNode schema, JsonNode instance) {
        List<String> problems = new ArrayList<>();
        validate("$", schema, instance, problems);
        return problems;
    }

    private static void validate(String path, JsonNode schema, JsonNode instance, List<String> problems) {
        String type = schema.path("type").asString();
        boolean typeMatches = switch (type) {
            case "object" -> instance.isObject();
            case "array" -> instance.isArray();
            case "string" -> instance.isString();
            case "integer" -> instance.isIntegralNumber();
            case "boolean" -> instance.isBoolean();
            default -> false;
        };
        if (!typeMatches) {
            problems.add("%s: expected %s, found %s".formatted(path, type, instance.getNodeType()));
            return;
        }
        if (schema.has("enum") && !schema.get("enum").valueStream().toList().contains(instance)) {
            problems.add(path + ": " + instance + " is not one of " + schema.get("enum"));
        }
        String format = schema.path("format").asString("");
        if (!format.isEmpty()) {
            try {
                switch (format) {
                    case "uuid" -> UUID.fromString(instance.asString());
                    case "date-time" -> Instant.parse(instance.asString());
                    case "date" -> LocalDate.parse(instance.asString());
                    default -> problems.add(path + ": unknown format " + format);
                }
            } catch (RuntimeException e) {
                problems.add(path + ": '" + instance.asString() + "' is not a " + format);
            }
        }
        if (schema.has("pattern")
                && !instance.asString().matches(schema.get("pattern").asString())) {
            problems.add(path + ": '" + instance.asString() + "' does not match " + schema.get("pattern"));
        }
        if (type.equals("array")) {
            for (int i = 0; i < instance.size(); i++) {
                validate(path + "[" + i + "]", schema.get("items"), instance.get(i), problems);
            }
        }
        if (type.equals("object")) {
            JsonNode properties = schema.path("properties");
            schema.path("required")
                    .valueStream()
                    .map(JsonNode::asString)
                    .filter(name -> !instance.has(name))
                    .forEach(name -> problems.add(path + "." + name + ": required but missing"));
            instance.properties().forEach(property -> {
                String child = path + "." + property.getKey();
                if (!properties.has(property.getKey())) {
                    problems.add(child + ": not in the schema");
                } else {
                    validate(child, properties.get(property.getKey()), property.getValue(), problems);
                }
            });
        }
    }
}
