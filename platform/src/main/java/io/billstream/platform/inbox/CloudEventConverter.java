package io.billstream.platform.inbox;

import io.billstream.events.EventCatalog;
import io.billstream.events.EventJson;
import io.billstream.events.EventType;
import java.lang.reflect.Type;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;

/**
 * Turns a CloudEvent record into the event record its {@code ce_type} names, so that listeners take typed events and
 * a class-level {@code @KafkaListener} dispatches to the {@code @KafkaHandler} for that type. A record that is not a
 * CloudEvent of the contract, or whose body does not parse, fails with a conversion error, which the error handler
 * dead-letters at once: retrying cannot fix it.
 */
class CloudEventConverter extends MessagingMessageConverter {

    @Override
    protected Object extractAndConvertValue(ConsumerRecord<?, ?> record, Type type) {
        String typeName = InboxAdvice.header(record, "ce_type");
        if (typeName == null) {
            throw new MessageConversionException("record at " + position(record) + " is not a CloudEvent: no ce_type");
        }
        EventType<?> eventType = EventCatalog.byTypeName(typeName).orElse(null);
        if (eventType == null) {
            return new UnknownEvent(typeName);
        }
        if (!(record.value() instanceof byte[] body)) {
            throw new MessageConversionException("record at " + position(record) + " has no byte[] body");
        }
        try {
            return EventJson.read(body, eventType.payloadType());
        } catch (RuntimeException e) {
            throw new MessageConversionException(
                    "record at " + position(record) + " is not a valid " + typeName + ": " + e.getMessage(), e);
        }
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
