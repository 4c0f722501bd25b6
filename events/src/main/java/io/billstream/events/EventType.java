package io.billstream.events;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the contract says about one event record: its logical type name on the wire ({@code ce_type}), the topic it
 * is published on, and which of its fields is the aggregate id that keys it. The key is the CloudEvents
 * {@code subject}, the Kafka record key and the scope of the event's {@code sequence}.
 */
public record EventType<T>(Class<T> payloadType, String area, int version, String topic, Function<T, UUID> key) {

    private static final Pattern AREA = Pattern.compile("[a-z][a-z-]*");

    public EventType {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        if (!AREA.matcher(area).matches()) {
            throw new IllegalArgumentException("area must be lower case, was '" + area + "'");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    /** The past-tense event name, such as {@code PaymentDeclined}. */
    public String name() {
        return payloadType.getSimpleName();
    }

    /** The logical type name on the wire, such as {@code io.billstream.billing.PaymentDeclined.v1}. */
    public String typeName() {
        return "io.billstream." + area + "." + name() + ".v" + version;
    }

    public UUID keyOf(T event) {
        return key.apply(event);
    }

    @SuppressWarnings("unchecked")
    public UUID keyOfUnchecked(Object event) {
        return key.apply((T) payloadType.cast(event));
    }
}
