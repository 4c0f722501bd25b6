package io.billstream.platform.test;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * Places a test context's consumer group at the end of every topic each time its listeners are about to start: when
 * the context is created, and when the context cache restarts it after pausing it while another context ran. Every
 * test class of the JVM publishes to the one shared broker; without this, a context would first work through all
 * that the other classes published (ten thousand billing events from a test at scale) before it reached its own
 * test's events, and a test's wait would time out behind them.
 *
 * <p>What it skips belongs to other test classes: a context is paused only between classes, and each class makes its
 * own merchants, customers and orders.
 */
final class ConsumersStartAtTheEnd implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumersStartAtTheEnd.class);

    /** Just before the listener containers, which start last ({@code Integer.MAX_VALUE - 100}). */
    private static final int PHASE = Integer.MAX_VALUE - 200;

    private final Environment environment;
    private volatile boolean running;

    ConsumersStartAtTheEnd(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void start() {
        String group = environment.getProperty("spring.kafka.consumer.group-id");
        if (group != null) {
            try {
                TestInfrastructure.kafka().moveGroupToTheEnd(group);
            } catch (IllegalStateException e) {
                // A consumer of the group still registered: it reads from where it was, which is slower, not wrong.
                log.warn("Consumer group '{}' stays where it was: {}", group, e.getMessage());
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
