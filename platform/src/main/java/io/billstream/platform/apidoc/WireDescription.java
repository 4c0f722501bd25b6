package io.billstream.platform.apidoc;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.util.AntPathMatcher;

/**
 * Makes a service's OpenAPI document describe the API as a client meets it on the wire: the API key as the bearer
 * scheme every operation needs (but the open paths), every refusal as an {@code application/problem+json}
 * {@code Problem} with the statuses it can have, {@code Idempotency-Key} on every POST that takes it, tags by resource
 * and a title, version and description of its own.
 */
class WireDescription implements OpenApiCustomizer {

    static final String API_KEY = "apiKey";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** The resource each path segment names, as a tag; an action (pause, skip) belongs to the resource before it. */
    private static final Map<String, String> RESOURCES = Map.ofEntries(
            Map.entry("merchants", "Merchants"),
            Map.entry("api-keys", "API keys"),
            Map.entry("customers", "Customers"),
            Map.entry("portal-invitations", "Portal invitations"),
            Map.entry("orders", "Orders"),
            Map.entry("payment-link", "Payment links"),
            Map.entry("usage", "Usage"),
            Map.entry("billing-events", "Billing events"),
            Map.entry("card", "Cards"),
            Map.entry("cards", "Cards"),
            Map.entry("payments", "Payments"),
            Map.entry("transactions", "Payments"),
            Map.entry("refunds", "Payments"),
            Map.entry("documents", "Documents"),
            Map.entry("notifications", "Notifications"),
            Map.entry("tokens", "Sandbox"),
            Map.entry("sms", "Sandbox"));

    private static final Map<String, String> TAG_DESCRIPTIONS = Map.ofEntries(
            Map.entry("Merchants", "The merchant's own settings and branding; merchants are created by the operator."),
            Map.entry("API keys", "Test and live API keys, shown once and stored hashed."),
            Map.entry("Customers", "The merchant's customers."),
            Map.entry("Portal invitations", "Invitations of customers to the self-service portal."),
            Map.entry("Orders", "Orders of every purchase type, their status steps and timeline."),
            Map.entry("Payment links", "Signed links that take a customer to the checkout of an order."),
            Map.entry("Usage", "Usage reported against metered orders."),
            Map.entry("Billing events", "The scheduled payments of an order and the actions on them."),
            Map.entry("Cards", "Customers' cards, as the processor's tokens, and the card an order is charged to."),
            Map.entry("Payments", "Every transaction: first payments, captures, charges, refunds."),
            Map.entry("Documents", "Invoices, receipts, credit notes and order summaries as PDFs."),
            Map.entry("Notifications", "The messages sent to customers and their delivery."),
            Map.entry("Sandbox", "The sandbox processor's hosted card fields and SMS provider, for test mode."));

    private final String serviceName;
    private final String version;
    private final String purpose;
    private final List<String> openPaths;
    private final AntPathMatcher paths = new AntPathMatcher();

    WireDescription(String serviceName, String version, String purpose, List<String> openPaths) {
        this.serviceName = serviceName;
        this.version = version;
        this.purpose = purpose;
        this.openPaths = openPaths;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.setInfo(new Info()
                .title("Billstream " + serviceName + " API")
                .version(version)
                .description(purpose + "\n\nCall it through the gateway with an API key as a bearer token"
                        + " (`Authorization: Bearer sk_test_…`). Money is `{\"amount\": 1999, \"currency\": \"EUR\"}`"
                        + " in minor units of the ISO 4217 currency. Every refusal is `application/problem+json`"
                        + " (RFC 9457). A POST accepts an `Idempotency-Key`: the same key with the same request"
                        + " replays the first final answer."));
        // Relative to wherever the document was fetched from: through the gateway, calls go to the gateway.
        openApi.setServers(List.of(new Server().url("/")));
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(
                API_KEY,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("API key")
                        .description("The merchant's API key, sk_test_… or sk_live_…, as a bearer token."));
        components.addSchemas(PROBLEM, problem());
        components.getSchemas().values().forEach(WireDescription::examplesOfItsType);
        Schema<?> money = components.getSchemas().get("Money");
        if (money != null) {
            money.setRequired(List.of("amount", "currency"));
            money.setDescription("An amount in minor units of an ISO 4217 currency: 1999 EUR is EUR 19.99.");
        }
        openApi.setSecurity(List.of(new SecurityRequirement().addList(API_KEY)));
        Set<String> tags = new TreeSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> describe(path, item, tags));
        }
        List<Tag> described = new ArrayList<>();
        tags.forEach(tag -> described.add(new Tag().name(tag).description(TAG_DESCRIPTIONS.get(tag))));
        openApi.setTags(described);
    }

    private void describe(String path, PathItem item, Set<String> tags) {
        boolean open = openPaths.stream().anyMatch(pattern -> paths.match(pattern, path));
        String tag = tagOf(path);
        item.readOperationsMap().forEach((method, operation) -> {
            if (tag != null) {
                operation.setTags(List.of(tag));
                tags.add(tag);
            }
            if (open) {
                // Nothing to present: the sandbox's card fields are open by design.
                operation.setSecurity(List.of());
            }
            boolean changes = method != PathItem.HttpMethod.GET;
            if (method == PathItem.HttpMethod.POST && !open) {
                idempotencyKey(operation);
            }
            refusals(operation, path.contains("{"), hasInput(operation), changes, open, method);
        });
    }

    /**
     * A string's example stays a string: an example that looks like a number, such as the postal code "10115", is read
     * as one by the annotation scanner and would no longer match its schema.
     */
    private static void examplesOfItsType(Schema<?> schema) {
        if (schema == null) {
            return;
        }
        boolean string = "string".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("string"));
        Object example = schema.getExample();
        // A number here, or the JSON number node the scanner made of the annotation's text.
        if (string && example != null && !(example instanceof String)) {
            schema.setExample(example.toString());
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(WireDescription::examplesOfItsType);
        }
        examplesOfItsType(schema.getItems());
    }

    /** The resource of the last path segment that names one. */
    static String tagOf(String path) {
        String tag = null;
        for (String segment : path.split("/")) {
            String resource = RESOURCES.get(segment);
            if (resource != null) {
                tag = resource;
            }
        }
        return tag;
    }

    private static boolean hasInput(Operation operation) {
        return operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
    }

    private static void idempotencyKey(Operation operation) {
        List<Parameter> parameters =
                operation.getParameters() == null ? new ArrayList<>() : new ArrayList<>(operation.getParameters());
        if (parameters.stream().noneMatch(parameter -> "Idempotency-Key".equalsIgnoreCase(parameter.getName()))) {
            parameters.add(new HeaderParameter()
                    .name("Idempotency-Key")
                    .required(false)
                    .description("Sent again with the same request, replays the first final answer instead of acting"
                            + " twice; kept at least 24 hours. 1 to 255 visible ASCII characters.")
                    .schema(new StringSchema().minLength(1).maxLength(255).example("order-4711-pay-1")));
            operation.setParameters(parameters);
        }
    }

    /** The refusals an operation can answer, each a Problem; what a controller declared itself stays. */
    private static void refusals(
            Operation operation,
            boolean hasPathIds,
            boolean hasInput,
            boolean changes,
            boolean open,
            PathItem.HttpMethod method) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<String, String> refusals = new LinkedHashMap<>();
        if (hasInput) {
            refusals.put("400", "The request is malformed or breaks a rule; `errors` names each field at fault.");
        }
        if (!open) {
            refusals.put("401", "No API key, or one that is not valid.");
            refusals.put("403", "The API key does not allow this request.");
        }
        if (hasPathIds) {
            refusals.put("404", "There is no such resource for this merchant; another merchant's is not found either.");
        }
        if (changes) {
            refusals.put(
                    "409",
                    "The resource's current state does not allow it (the problem names that state), or a request"
                            + " with the same Idempotency-Key is still running.");
        }
        if (method == PathItem.HttpMethod.POST && !open) {
            refusals.put("422", "The Idempotency-Key was used before for another request.");
        }
        refusals.put("429", "Too many requests; `Retry-After` says when to try again.");
        refusals.put(
                "503",
                "A service this request needs is unavailable, or not up to date with a change just made; nothing was"
                        + " done. `Retry-After` says when to try again.");
        refusals.forEach((status, description) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, problemResponse(status, description));
            }
        });
        operation.setResponses(responses);
    }

    private static ApiResponse problemResponse(String status, String description) {
        ApiResponse response = new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
        if (status.equals("429") || status.equals("503")) {
            response.addHeaderObject(
                    "Retry-After",
                    new Header()
                            .description("Seconds to wait before trying again.")
                            .schema(new IntegerSchema().example(5)));
        }
        return response;
    }

    /** RFC 9457 problem details as every service and the gateway write them ({@code web/Problems}). */
    private static Schema<?> problem() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError
                .addProperty("field", new StringSchema().example("lines[0].unitPrice"))
                .addProperty("message", new StringSchema().example("must not be negative"))
                .required(List.of("field", "message"));
        ObjectSchema problem = new ObjectSchema();
        problem.description(
                        "An RFC 9457 problem. Refusals of a rule may carry more members, such as" + " `currentStatus`.")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .example("https://billstream.io/problems/transition-not-allowed"))
                .addProperty("title", new StringSchema().example("Transition not allowed"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty(
                        "detail",
                        new StringSchema().example("Pausing is not allowed for an INSTALMENT order in status ACTIVE"))
                .addProperty(
                        "instance",
                        new StringSchema().example("/api/v1/orders/0b6f3c8e-2f4a-4c1e-9a57-3f1d2c8b9e01/pause"))
                .addProperty("requestId", new StringSchema().example("7d1f0c2e-4b3a-4f5e-9c8d-1a2b3c4d5e6f"))
                .addProperty("errors", new ArraySchema().items(fieldError))
                .required(List.of("type", "title", "status", "detail"));
        problem.setAdditionalProperties(true);
        return problem;
    }
}
