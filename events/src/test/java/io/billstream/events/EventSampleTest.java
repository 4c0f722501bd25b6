package io.billstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every event has a golden sample on the classpath ({@code events/samples/<type name>.json}) that consumer tests in
 * other modules read. The sample must match the committed schema exactly and survive a round trip through the record,
 * so a consumer test fed from it sees what the producer really sends.
 */
class EventSampleTest {

    static Stream<EventType<?>> events() {
        return EventCatalog.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void sampleMatchesTheSchemaAndTheRecord(EventType<?> type) throws IOException {
        JsonNode sample = EventSamples.json(type);
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream("/events/schemas/" + type.typeName() + ".json")) {
            assertThat(in).as("schema of %s", type.typeName()).isNotNull();
            schema = EventJson.mapper().readTree(in);
        }

        assertThat(JsonSchemas.violations(schema, sample)).isEmpty();
        Object event = EventSamples.read(type);
        JsonNode roundTrip = EventJson.mapper().readTree(EventJson.write(event));
        assertThat(roundTrip).isEqualTo(sample);
        assertThat(type.keyOfUnchecked(event)).isNotNull();
    }
}
