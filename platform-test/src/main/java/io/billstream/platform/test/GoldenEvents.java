package io.billstream.platform.test;

import io.billstream.events.EventCatalog;
import io.billstream.events.EventJson;
import io.billstream.events.EventSamples;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events of other services built from their producers' golden samples, with the fields a test needs changed, so that
 * what a consumer test feeds a service has the shape its producer publishes. A null value removes an optional field.
 */
public final class GoldenEvents {

    private GoldenEvents() {}

    /** The golden sample of {@code type} with the fields changed: pairs of field name and value. */
    public static <T> T golden(Class<T> type, Object... fieldsAndValues) {
        ObjectNode json = (ObjectNode) EventSamples.json(EventCatalog.of(type)).deepCopy();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            String field = (String) fieldsAndValues[i];
            Object value = fieldsAndValues[i + 1];
            if (value == null) {
                json.remove(field);
            } else {
                json.set(field, EventJson.mapper().valueToTree(value));
            }
        }
        return EventJson.mapper().treeToValue(json, type);
    }
}
