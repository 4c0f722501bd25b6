package io.billstream.benchmarks;

import io.billstream.events.EventJson;
import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderLine;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.outbox.EventPublisher;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.TestInfrastructure;
import io.billstream.platform.test.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbox relay throughput: events committed by several publishers, each transaction a few events, until Kafka has
 * acknowledged the last one ({@code acks=all}, idempotent producer) and the outbox is empty. The peer is a plain Kafka
 * producer with the same settings sending the same records to the same broker in the same run.
 */
final class OutboxRelayBenchmark {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelayBenchmark.class);
    private static final UUID MERCHANT = UUID.randomUUID();

    @SpringBootApplication
    static class RelayApplication {}

    private OutboxRelayBenchmark() {}

    static void run(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int publishers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int perTransaction = args.length > 3 ? Integer.parseInt(args[3]) : 10;

        JdbcCoordinates database = TestInfrastructure.newDatabase();
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RelayApplication.class)
                .properties(Map.of(
                        "spring.application.name",
                        "outbox-benchmark",
                        "server.port",
                        "0",
                        "spring.datasource.url",
                        database.url(),
                        "spring.datasource.username",
                        database.username(),
                        "spring.datasource.password",
                        database.password(),
                        "spring.kafka.bootstrap-servers",
                        bootstrap,
                        "billstream.security.jwks-uri",
                        TestTokens.jwksUri(),
                        "logging.structured.format.console",
                        "",
                        "logging.level.root",
                        "warn",
                        "logging.level.io.billstream.benchmarks",
                        "info"))
                .run()) {
            EventPublisher publisher = app.getBean(EventPublisher.class);
            TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
            JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
            List<UUID> orderIds = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                orderIds.add(UUID.randomUUID());
            }

            log.info("Warming up");
            measure(publisher, transactions, jdbc, orderIds, Math.min(events, 5_000), publishers, perTransaction);
            log.info(
                    "Measuring {} events over {} keys from {} publishers, {} events per transaction",
                    events,
                    keys,
                    publishers,
                    perTransaction);
            Result outbox = measure(publisher, transactions, jdbc, orderIds, events, publishers, perTransaction);
            Result peer = rawProducer(bootstrap, orderIds, events);

            log.info(String.format(
                    "%nOutbox relay, commit to Kafka ack: %,d events in %,d ms = %,.0f events/s (commits alone: %,.0f events/s)%n"
                            + "Peer, plain idempotent producer (acks=all), same records: %,d events in %,d ms = %,.0f events/s%n"
                            + "Outbox / peer: %.2f",
                    events,
                    outbox.millis(),
                    outbox.perSecond(),
                    outbox.commitsPerSecond(),
                    events,
                    peer.millis(),
                    peer.perSecond(),
                    outbox.perSecond() / peer.perSecond()));
        }
    }

    private record Result(int events, long millis, long commitMillis) {
        double perSecond() {
            return events * 1000.0 / millis;
        }

        double commitsPerSecond() {
            return events * 1000.0 / commitMillis;
        }
    }

    private static Result measure(
            EventPublisher publisher,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            List<UUID> orderIds,
            int events,
            int publishers,
            int perTransaction)
            throws Exception {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(publishers)) {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                running.add(pool.submit(() -> {
                    long first;
                    while ((first = next.getAndAdd(perTransaction)) < events) {
                        long from = first;
                        transactions.executeWithoutResult(status -> {
                            for (long n = from; n < Math.min(from + perTransaction, events); n++) {
                                UUID orderId = orderIds.get((int) (n % orderIds.size()));
                                publisher.publish(MERCHANT, event(orderId, n));
                            }
                        });
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        long committed = System.nanoTime();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (jdbc.sql("SELECT count(*) FROM platform.outbox_record")
                        .query(Long.class)
                        .single()
                > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the outbox did not drain within 10 minutes");
            }
            Thread.sleep(5);
        }
        long drained = System.nanoTime();
        return new Result(events, (drained - start) / 1_000_000, (committed - start) / 1_000_000);
    }

    private static Result rawProducer(String bootstrap, List<UUID> orderIds, int events) {
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                2);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int n = 0; n < events; n++) {
                UUID orderId = orderIds.get(n % orderIds.size());
                producer.send(
                        new ProducerRecord<>(Topics.ORDERS, orderId.toString(), EventJson.write(event(orderId, n))));
            }
            producer.flush();
            return new Result(events, (System.nanoTime() - start) / 1_000_000, 1);
        }
    }

    private static OrderCreated event(UUID orderId, long n) {
        Money price = Money.of(1999, "EUR");
        return new OrderCreated(
                orderId,
                UUID.randomUUID(),
                "BENCH-" + n,
                PurchaseType.SUBSCRIPTION,
                price,
                List.of(new OrderLine("Monthly plan", 1, price, price)),
                new PaymentPlan(io.billstream.events.order.BillingInterval.MONTHLY, null, price, null),
                FirstAction.PAYMENT,
                PaymentChannel.PAYMENT_LINK,
                Instant.now());
    }
}
