package io.billstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * docs/asyncapi.yaml is what the contract is: its channels, operations, messages, headers, bindings and examples
 * follow from the catalog, the topics, the committed schemas and the golden samples, and a change to any of them fails
 * here until the document says it too. The prose (the document's, each channel's and each message's description) is
 * the document's own and is kept. To write the document anew after a change of the contract, run
 * {@code ./mvnw -pl events test -Dbillstream.events.write-asyncapi=true}.
 */
class AsyncApiDocumentTest {

    static final Path DOCUMENT = Path.of("../docs/asyncapi.yaml");
    private static final String KAFKA_BINDING_VERSION = "0.5.0";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            // Every string quoted: a date-time or a version unquoted is another type to many YAML readers.
            .disable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    @Test
    void theDocumentDescribesTheContractAsItIs() throws IOException {
        JsonNode committed = YAML.readTree(DOCUMENT.toFile());
        ObjectNode expected = document(committed);
        if (Boolean.getBoolean("billstream.events.write-asyncapi")) {
            Files.writeString(DOCUMENT, YAML.writeValueAsString(expected));
            committed = YAML.readTree(DOCUMENT.toFile());
        }
        assertThat(committed)
                .as("docs/asyncapi.yaml differs from the contract; write it with"
                        + " -Dbillstream.events.write-asyncapi=true")
                .isEqualTo(expected);
    }

    /** The whole document, with the prose taken from {@code committed}. */
    static ObjectNode document(JsonNode committed) {
        ObjectNode document = NODES.objectNode();
        document.put("asyncapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Billstream events");
        info.put("version", "1.0.0");
        info.put("description", prose(committed.path("info").path("description"), "the document"));
        document.put("defaultContentType", EventEnvelope.CONTENT_TYPE);
        ObjectNode servers = document.putObject("servers");
        server(
                servers.putObject("devstack"),
                "localhost:9092",
                "The devstack's single-node KRaft broker; when 9092 is taken it prints the port it chose.");
        server(
                servers.putObject("compose"),
                "localhost:9094",
                "The broker of docker compose, from the host; inside the compose network it is kafka:9092.");

        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode components = document.putObject("components");
        components.set("messageTraits", messageTraits());
        ObjectNode messages = components.putObject("messages");
        for (String topic : Topics.ALL) {
            String channelName = topic.substring("billstream.".length());
            JsonNode committedChannel = committed.path("channels").path(channelName);
            ObjectNode channel = channels.putObject(channelName);
            channel.put("address", topic);
            channel.put("description", prose(committedChannel.path("description"), "channel " + channelName));
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
            kafka.put("topic", topic);
            kafka.put("partitions", 3);
            kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
            for (EventType<?> type : EventCatalog.ALL) {
                if (!type.topic().equals(topic)) {
                    continue;
                }
                channelMessages.putObject(type.name()).put("$ref", "#/components/messages/" + type.name());
                ObjectNode send = operations.putObject("send" + type.name());
                send.put("action", "send");
                send.putObject("channel").put("$ref", "#/channels/" + channelName);
                send.put("summary", Topics.ownerOf(topic) + " publishes " + type.name() + ".");
                send.putArray("messages")
                        .addObject()
                        .put("$ref", "#/channels/" + channelName + "/messages/" + type.name());
                messages.set(
                        type.name(), message(type, committed.path("components").path("messages")));
            }
        }
        return document;
    }

    private static void server(ObjectNode server, String host, String description) {
        server.put("host", host);
        server.put("protocol", "kafka");
        server.put("description", description);
    }

    private static ObjectNode message(EventType<?> type, JsonNode committedMessages) {
        ObjectNode message = NODES.objectNode();
        message.put("name", type.typeName());
        message.put("title", type.name());
        message.put("summary", prose(committedMessages.path(type.name()).path("summary"), "message " + type.name()));
        message.put("contentType", EventEnvelope.CONTENT_TYPE);
        message.putArray("traits").addObject().put("$ref", "#/components/messageTraits/cloudEvent");
        ObjectNode payload = message.putObject("payload");
        payload.put("schemaFormat", "application/schema+json;version=draft-2020-12");
        payload.putObject("schema")
                .put("$ref", "../events/src/main/resources/events/schemas/" + type.typeName() + ".json");
        JsonNode sample = EventSamples.json(type);
        ObjectNode example = message.putArray("examples").addObject();
        example.put("name", "golden-sample");
        example.put("summary", "The contract's golden sample, as " + Topics.ownerOf(type.topic()) + " publishes it.");
        ObjectNode headers = example.putObject("headers");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ce_specversion", EventEnvelope.SPEC_VERSION);
        values.put("ce_id", UUID.nameUUIDFromBytes(type.typeName().getBytes()).toString());
        values.put(
                "ce_source",
                EventEnvelope.sourceOf(Topics.ownerOf(type.topic())).toString());
        values.put("ce_type", type.typeName());
        values.put("ce_time", "2026-11-21T09:31:12Z");
        values.put("ce_subject", subjectOf(type, sample));
        values.put("ce_merchantid", "3c9a1e52-7b4d-4f8e-a2c6-5d1e9f0b7a41");
        values.put("ce_sequence", "1");
        values.put("content-type", EventEnvelope.CONTENT_TYPE);
        values.forEach(headers::put);
        example.set("payload", sample);
        return message;
    }

    /** The sample's aggregate id, which keys it: the value of the field the catalog keys the event by. */
    private static String subjectOf(EventType<?> type, JsonNode sample) {
        Object event = EventJson.mapper().treeToValue(sample, type.payloadType());
        return type.keyOfUnchecked(event).toString();
    }

    /** CloudEvents 1.0 in Kafka binary mode: the attributes as headers, the aggregate id as the record key. */
    private static ObjectNode messageTraits() {
        ObjectNode traits = NODES.objectNode();
        ObjectNode cloudEvent = traits.putObject("cloudEvent");
        ObjectNode headers = cloudEvent.putObject("headers");
        headers.put("type", "object");
        ArrayNode required = headers.putArray("required");
        List.of(
                        "ce_specversion",
                        "ce_id",
                        "ce_source",
                        "ce_type",
                        "ce_time",
                        "ce_subject",
                        "ce_merchantid",
                        "ce_sequence",
                        "content-type")
                .forEach(required::add);
        ObjectNode properties = headers.putObject("properties");
        header(properties, "ce_specversion", "string", null, "CloudEvents version, 1.0.")
                .put("const", "1.0");
        header(properties, "ce_id", "string", "uuid", "The event id; a consumer applies an id once.");
        header(properties, "ce_source", "string", null, "/billstream/<service>, the service that published it.");
        header(
                properties,
                "ce_type",
                "string",
                null,
                "The logical type name, such as io.billstream.billing.PaymentDeclined.v1.");
        header(properties, "ce_time", "string", "date-time", "When the change happened.");
        header(properties, "ce_subject", "string", "uuid", "The aggregate id, equal to the Kafka key.");
        header(properties, "ce_merchantid", "string", "uuid", "The merchant (tenant) the event belongs to.");
        header(properties, "ce_sequence", "string", null, "Gap-free position of the event among its subject's, from 1.")
                .put("pattern", "^[1-9][0-9]*$");
        header(properties, "ce_traceparent", "string", null, "W3C trace context of the change that caused the event.");
        header(properties, "content-type", "string", null, "The body's media type, application/json.")
                .put("const", EventEnvelope.CONTENT_TYPE);
        ObjectNode kafka = cloudEvent.putObject("bindings").putObject("kafka");
        ObjectNode key = kafka.putObject("key");
        key.put("type", "string");
        key.put("format", "uuid");
        key.put("description", "The aggregate id: every event of one key stays in order on its topic.");
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        return traits;
    }

    private static ObjectNode header(
            ObjectNode properties, String name, String type, String format, String description) {
        ObjectNode header = properties.putObject(name);
        header.put("type", type);
        if (format != null) {
            header.put("format", format);
        }
        header.put("description", description);
        return header;
    }

    private static String prose(JsonNode committed, String of) {
        assertThat(committed.isString())
                .as("docs/asyncapi.yaml describes %s in words; write them there first", of)
                .isTrue();
        return committed.asString();
    }
}
