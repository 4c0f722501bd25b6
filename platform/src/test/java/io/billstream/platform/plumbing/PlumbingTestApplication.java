package io.billstream.platform.plumbing;

import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.inbox.EventListener;
import io.billstream.platform.inbox.NotKnownYet;
import io.billstream.platform.outbox.EventPublisher;
import io.billstream.platform.tracing.RequestIdFilter;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A minimal service on the platform: it creates orders and listens to its own order events. */
@SpringBootApplication
class PlumbingTestApplication {

    static final String REFUSED = "REFUSED";
    static final String AWAITING = "AWAITING";

    @Service
    static class Orders {

        private final JdbcClient jdbc;
        private final EventPublisher events;
        private final Clock clock;

        Orders(JdbcClient jdbc, EventPublisher events, Clock clock) {
            this.jdbc = jdbc;
            this.events = events;
            this.clock = clock;
        }

        @Transactional
        UUID create(UUID merchantId, UUID orderId, String reference, boolean failAfterPublishing) {
            jdbc.sql("INSERT INTO orders (id, merchant_id, reference) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")
                    .params(orderId, merchantId, reference)
                    .update();
            UUID eventId = events.publish(merchantId, orderCreated(orderId, reference));
            if (failAfterPublishing) {
                throw new IllegalStateException("the change fails after its event was stored");
            }
            return eventId;
        }

        OrderCreated orderCreated(UUID orderId, String reference) {
            return new OrderCreated(
                    orderId,
                    UUID.randomUUID(),
                    reference,
                    PurchaseType.SINGLE,
                    Money.of(1999, "EUR"),
                    List.of(),
                    new PaymentPlan(null, null, null, null),
                    FirstAction.PAYMENT,
                    PaymentChannel.PAYMENT_LINK,
                    clock.instant());
        }
    }

    /**
     * Records each order it is told of; refuses orders referenced {@value #REFUSED} until told to accept them, and
     * finds what orders referenced {@value #AWAITING} need not known yet until told it arrived.
     */
    @Component
    @KafkaListener(topics = Topics.ORDERS)
    static class OrderListener extends EventListener {

        final AtomicBoolean acceptRefused = new AtomicBoolean();
        final AtomicBoolean awaitedArrived = new AtomicBoolean();
        private final JdbcClient jdbc;
        private final Tracer tracer;

        OrderListener(JdbcClient jdbc, Tracer tracer) {
            this.jdbc = jdbc;
            this.tracer = tracer;
        }

        @KafkaHandler
        void on(OrderCreated event) {
            if (event.reference().startsWith(REFUSED) && !acceptRefused.get()) {
                throw new IllegalStateException("refusing order " + event.reference());
            }
            if (event.reference().startsWith(AWAITING) && !awaitedArrived.get()) {
                throw new NotKnownYet("what order " + event.reference() + " needs");
            }
            Span span = tracer.currentSpan();
            jdbc.sql("INSERT INTO applied_event (order_id, reference, request_id, trace_id) VALUES (?, ?, ?, ?)")
                    .params(
                            event.orderId(),
                            event.reference(),
                            MDC.get(RequestIdFilter.MDC_KEY),
                            span == null ? null : span.context().traceId())
                    .update();
        }
    }
}
