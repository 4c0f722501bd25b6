package io.billstream.benchmarks;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one benchmark by name: {@code java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar outbox-relay}. Each
 * prints its figures beside a peer measured in the same run, for docs/benchmarks.md.
 */
public final class Benchmarks {

    private static final Logger log = LoggerFactory.getLogger(Benchmarks.class);

    private Benchmarks() {}

    /** Ends the JVM when the benchmark is done or failed: the embedded broker and database would keep it running. */
    public static void main(String[] args) {
        String name = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        try {
            switch (name) {
                case "outbox-relay" -> OutboxRelayBenchmark.run(rest);
                case "billing-run" -> BillingRunBenchmark.run(rest);
                case "invoice-pdf" -> DocumentPdfBenchmark.run(rest);
                case "gateway" -> GatewayBenchmark.run(rest);
                default ->
                    throw new IllegalArgumentException(
                            "usage: benchmarks outbox-relay [events] [keys] [publishers] [events per transaction]"
                                    + " | billing-run [orders of 100 due events] [processor latency] [batch size]"
                                    + " [billing-service jar] | invoice-pdf [invoices]"
                                    + " | gateway [requests per second] [seconds] [clients] [gateway jar] [order-service jar];"
                                    + " unknown benchmark '" + name
                                    + "'");
            }
        } catch (Exception failed) {
            log.error("Benchmark failed", failed);
            System.exit(1);
        }
        System.exit(0);
    }
}
