package io.billstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each event's JSON schema is committed beside the contract. A change to a record that breaks it fails here; an
 * additive change fails too until the new schema is committed, so the committed file always describes the code. To
 * commit an additive change, run {@code ./mvnw -pl events test -Dbillstream.events.write-schemas=true}.
 */
class EventSchemaTest {

    static final Path SCHEMAS = Path.of("src/main/resources/events/schemas");
    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static Stream<EventType<?>> events() {
        return EventCatalog.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void recordKeepsItsCommittedSchema(EventType<?> type) throws IOException {
        Path file = SCHEMAS.resolve(type.typeName() + ".json");
        JsonNode current = JsonSchemas.generate(type);
        if (Boolean.getBoolean("billstream.events.write-schemas")) {
            if (Files.exists(file)) {
                assertThat(JsonSchemas.breakingChanges(PRETTY.readTree(file.toFile()), current))
                        .as(
                                "breaking changes to %s; publish a new version (.v%d) instead",
                                type.typeName(), type.version() + 1)
                        .isEmpty();
            }
            Files.writeString(file, PRETTY.writeValueAsString(current) + "\n");
        }
        assertThat(file).as("committed schema of %s", type.typeName()).exists();
        JsonNode committed = PRETTY.readTree(file.toFile());

        assertThat(JsonSchemas.breakingChanges(committed, current))
                .as("breaking changes to %s; publish a new version (.v%d) instead", type.typeName(), type.version() + 1)
                .isEmpty();
        assertThat(current)
                .as(
                        "%s changed additively; commit its new schema with -Dbillstream.events.write-schemas=true",
                        type.typeName())
                .isEqualTo(committed);
    }
}
