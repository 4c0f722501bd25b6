package io.billstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Other teams learn the contract from docs/events.md and docs/asyncapi.yaml; neither may miss an event or a topic. */
class EventDocumentationTest {

    private static final Path DOCS = Path.of("../docs");
    private static String eventsMd;
    private static JsonNode asyncApi;

    @BeforeAll
    static void readDocs() throws IOException {
        eventsMd = Files.readString(DOCS.resolve("events.md"));
        asyncApi = YAMLMapper.builder()
                .build()
                .readTree(DOCS.resolve("asyncapi.yaml").toFile());
    }

    static Stream<EventType<?>> events() {
        return EventCatalog.ALL.stream();
    }

    @Test
    void asyncApiDocumentIsVersion3AndListsEveryTopic() {
        assertThat(asyncApi.path("asyncapi").asString()).startsWith("3.");
        assertThat(asyncApi.path("channels")
                        .valueStream()
                        .map(channel -> channel.path("address").asString()))
                .containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(eventsMd).contains("`" + topic + "`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void asyncApiDescribesTheEventOnItsTopicWithItsCommittedSchema(EventType<?> type) {
        JsonNode message = asyncApi.path("components").path("messages").path(type.name());
        assertThat(message.path("name").asString()).isEqualTo(type.typeName());

        JsonNode channel = asyncApi.path("channels")
                .valueStream()
                .filter(candidate -> candidate.path("address").asString().equals(type.topic()))
                .findFirst()
                .orElseThrow();
        assertThat(channel.path("messages").path(type.name()).path("$ref").asString())
                .isEqualTo("#/components/messages/" + type.name());

        String schemaRef = message.path("payload").path("schema").path("$ref").asString();
        assertThat(schemaRef).endsWith("/" + type.typeName() + ".json");
        assertThat(DOCS.resolve(schemaRef)).exists();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventsMdShowsTheEventWithItsGoldenSample(EventType<?> type) {
        Matcher section = Pattern.compile("### " + type.name() + "\\R(.*?)```json\\R(.*?)```", Pattern.DOTALL)
                .matcher(eventsMd);
        assertThat(section.find())
                .as("a '### %s' section with a json example in events.md", type.name())
                .isTrue();
        assertThat(section.group(1)).contains(type.typeName()).contains(type.topic());
        JsonNode documented = EventJson.mapper().readTree(section.group(2));
        assertThat(documented).isEqualTo(EventSamples.json(type));
    }
}
