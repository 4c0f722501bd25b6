package io.billstream.devstack;

import java.time.Duration;

/** The command line of the devstack. */
record DevstackOptions(boolean exitWhenHealthy, boolean fresh, Duration readinessTimeout, boolean help) {

    static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(180);

    static final String USAGE = """
        Usage: java -jar devstack/target/devstack-0.1.0-SNAPSHOT.jar [options]

          --exit-when-healthy  start everything, report the time to healthy, then stop everything and exit 0
          --fresh              delete the PostgreSQL data in .devstack/postgres before starting
          --timeout=<seconds>  how long the services may take to become ready (default 180)
          --help               print this text\
        """;

    static DevstackOptions parse(String... args) {
        boolean exitWhenHealthy = false;
        boolean fresh = false;
        boolean help = false;
        Duration timeout = DEFAULT_READINESS_TIMEOUT;
        for (String arg : args) {
            if (arg.equals("--exit-when-healthy")) {
                exitWhenHealthy = true;
            } else if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--timeout=")) {
                timeout = seconds(arg.substring("--timeout=".length()));
            } else {
                throw new IllegalArgumentException("Unknown option '" + arg + "'");
            }
        }
        return new DevstackOptions(exitWhenHealthy, fresh, timeout, help);
    }

    private static Duration seconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException("--timeout needs a positive number of seconds, not '" + value + "'");
    }
}
