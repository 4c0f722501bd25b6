package io.billstream.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;

/**
 * The golden sample of each event, as the producer publishes it. Consumer tests in every service read their input
 * from here, so a consumer is always tested against the producer's real shape.
 */
public final class EventSamples {

    private EventSamples() {}

    public static <T> T read(EventType<T> type) {
        return EventJson.read(bytes(type), type.payloadType());
    }

    public static <T> T read(Class<T> payloadType) {
        return read(EventCatalog.of(payloadType));
    }

    public static JsonNode json(EventType<?> type) {
        return EventJson.mapper().readTree(bytes(type));
    }

    public static byte[] bytes(EventType<?> type) {
        String resource = "/events/samples/" + type.typeName() + ".json";
        try (InputStream in = EventSamples.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no golden sample " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
