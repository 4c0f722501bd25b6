package io.billstream.platform.test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Finds what an OpenAPI document leaves a client to guess: a field of a request or response body with neither an
 * example nor a shape that says it all (an enum, a UUID, a date or time, a boolean). Every operation of a service is
 * to be documented with examples.
 */
public final class OpenApiExamples {

    private static final Set<String> SELF_DESCRIBING_FORMATS = Set.of("uuid", "date", "date-time", "binary");

    private OpenApiExamples() {}

    /** Where examples are missing, as {@code METHOD path: field}; empty when every body is shown by example. */
    public static List<String> missing(JsonNode apiDocs) {
        List<String> missing = new ArrayList<>();
        apiDocs.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    String where = operation.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode body = operation.getValue().path("requestBody").path("content");
                    body.properties()
                            .forEach(media -> check(
                                    apiDocs,
                                    media.getValue().path("schema"),
                                    where + " request",
                                    missing,
                                    new HashSet<>()));
                    operation.getValue().path("responses").properties().forEach(response -> {
                        if (response.getKey().startsWith("2")) {
                            response.getValue()
                                    .path("content")
                                    .properties()
                                    .forEach(media -> check(
                                            apiDocs,
                                            media.getValue().path("schema"),
                                            where + " " + response.getKey(),
                                            missing,
                                            new HashSet<>()));
                        }
                    });
                }));
        return missing;
    }

    private static void check(JsonNode docs, JsonNode schema, String where, List<String> missing, Set<String> seen) {
        if (schema.isMissingNode() || schema.has("example") || schema.has("examples") || schema.has("enum")) {
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            if (seen.add(ref)) {
                check(docs, docs.at(ref.substring(1)), where, missing, seen);
            }
            return;
        }
        for (String composite : List.of("allOf", "oneOf", "anyOf")) {
            schema.path(composite).forEach(part -> check(docs, part, where, missing, seen));
        }
        String type = typeOf(schema);
        switch (type) {
            case "object" ->
                schema.path("properties")
                        .properties()
                        .forEach(property ->
                                check(docs, property.getValue(), where + "." + property.getKey(), missing, seen));
            case "array" -> check(docs, schema.path("items"), where + "[]", missing, seen);
            case "boolean" -> {
                // true or false says it all
            }
            case "" -> {
                // a composite, checked above
            }
            default -> {
                if (!SELF_DESCRIBING_FORMATS.contains(schema.path("format").asString(""))) {
                    missing.add(where);
                }
            }
        }
    }

    /** The schema's type; OpenAPI 3.1 may give a list such as {@code ["string", "null"]}. */
    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (!"null".equals(each.asString())) {
                    return each.asString();
                }
            }
            return "";
        }
        if (type.isMissingNode() && schema.has("properties")) {
            return "object";
        }
        return type.asString("");
    }
}
