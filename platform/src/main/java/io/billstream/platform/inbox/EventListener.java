package io.billstream.platform.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;

/**
 * Base of the services' event listeners. A listener is a class annotated
 * {@code @KafkaListener(topics = Topics.BILLING)} with one {@code @KafkaHandler} method per event type it reacts to;
 * every other event on the topic lands here and is acknowledged without effect, because a topic carries many types
 * and a consumer cares about some.
 */
public abstract class EventListener {

    private static final Logger log = LoggerFactory.getLogger(EventListener.class);

    /**
     * Acknowledges an event this listener has no handler for, without recording it in the inbox: a later version of
     * the listener that does handle it can still apply it when the topic is replayed.
     */
    @KafkaHandler(isDefault = true)
    public void ignore(Object event) {
        InboxAdvice.doNotRecord();
        log.trace(
                "Ignoring event type='{}'", event instanceof UnknownEvent unknown ? unknown.type() : event.getClass());
    }
}
