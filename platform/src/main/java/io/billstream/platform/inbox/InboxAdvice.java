package io.billstream.platform.inbox;

import io.billstream.platform.tracing.RequestIdFilter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wraps every listener call in one database transaction that first records the event id in the inbox. The listener's
 * changes and the inbox row commit together, so an event redelivered after a crash, a rebalance or a replay from
 * offset 0 is skipped; a listener that throws rolls the inbox row back, and the error handler retries it.
 */
class InboxAdvice implements MethodInterceptor {

    private static final Logger log = LoggerFactory.getLogger(InboxAdvice.class);
    private static final ThreadLocal<Boolean> notApplied = new ThreadLocal<>();

    private final Inbox inbox;
    private final TransactionTemplate transactions;

    InboxAdvice(Inbox inbox, TransactionTemplate transactions) {
        this.inbox = inbox;
        this.transactions = transactions;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        if (invocation.getArguments().length == 0
                || !(invocation.getArguments()[0] instanceof ConsumerRecord<?, ?> record)) {
            return invocation.proceed();
        }
        String eventId = header(record, "ce_id");
        if (eventId == null) {
            // Not a CloudEvent: the converter refuses it and the error handler dead-letters it.
            return invocation.proceed();
        }
        String requestId = header(record, RequestIdFilter.HEADER);
        if (requestId != null) {
            MDC.put(RequestIdFilter.MDC_KEY, requestId);
        }
        try {
            return transactions.execute(status -> {
                String consumer = KafkaUtils.getConsumerGroupId();
                if (!inbox.firstDelivery(
                        consumer, UUID.fromString(eventId), String.valueOf(header(record, "ce_type")))) {
                    log.debug("Skipping event applied before consumer='{}' eventId='{}'", consumer, eventId);
                    return null;
                }
                ReceivedEvent.set(record);
                try {
                    Object result = proceed(invocation);
                    if (Boolean.TRUE.equals(notApplied.get())) {
                        // Nothing was applied, so nothing is recorded: the inbox row goes with the rollback.
                        status.setRollbackOnly();
                    }
                    return result;
                } finally {
                    notApplied.remove();
                    ReceivedEvent.clear();
                }
            });
        } catch (ListenerFailure failure) {
            throw failure.getCause();
        } finally {
            MDC.remove(RequestIdFilter.MDC_KEY);
        }
    }

    /** Called by a listener that acknowledges an event without applying it. */
    static void doNotRecord() {
        notApplied.set(Boolean.TRUE);
    }

    private static Object proceed(MethodInvocation invocation) {
        try {
            return invocation.proceed();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new ListenerFailure(e);
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Carries a checked exception of the listener out of the transaction callback, which rolls back on it. */
    private static final class ListenerFailure extends RuntimeException {
        ListenerFailure(Throwable cause) {
            super(cause);
        }
    }
}
