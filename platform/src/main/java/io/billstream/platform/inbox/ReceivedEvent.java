package io.billstream.platform.inbox;

import io.billstream.events.EventEnvelope;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The envelope of the event a listener is applying: the tenant it belongs to and its place among the events of its
 * subject. Listeners that apply the events of a subject strictly in order compare {@link #sequence()} with the last
 * one they applied (see {@link OutOfSequence}).
 *
 * @param subject the aggregate id, equal to the Kafka key
 */
public record ReceivedEvent(UUID id, String type, String topic, String subject, UUID merchantId, long sequence) {

    private static final ThreadLocal<ConsumerRecord<?, ?>> CURRENT = new ThreadLocal<>();

    /** The event the calling listener is applying; only inside a listener call. */
    public static ReceivedEvent current() {
        ConsumerRecord<?, ?> record = CURRENT.get();
        if (record == null) {
            throw new IllegalStateException("no event is being applied on this thread");
        }
        return of(record);
    }

    private static ReceivedEvent of(ConsumerRecord<?, ?> record) {
        return new ReceivedEvent(
                UUID.fromString(InboxAdvice.header(record, "ce_id")),
                InboxAdvice.header(record, "ce_type"),
                record.topic(),
                InboxAdvice.header(record, "ce_subject"),
                UUID.fromString(InboxAdvice.header(record, "ce_" + EventEnvelope.MERCHANT_ID)),
                Long.parseLong(InboxAdvice.header(record, "ce_" + EventEnvelope.SEQUENCE)));
    }

    static void set(ConsumerRecord<?, ?> record) {
        CURRENT.set(record);
    }

    static void clear() {
        CURRENT.remove();
    }
}
