package io.billstream.benchmarks;

import java.util.Arrays;

/**
 * Runs one benchmark by name: {@code java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar outbox-relay}. Each
 * prints its figures beside a peer measured in the same run, for docs/benchmarks.md.
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (name) {
            case "outbox-relay" -> OutboxRelayBenchmark.run(rest);
            default ->
                throw new IllegalArgumentException(
                        "usage: benchmarks outbox-relay [events] [keys] [publishers] [events per transaction]; unknown benchmark '"
                                + name + "'");
        }
    }
}
