package io.billstream.billing.processor;

/** A request the processor refuses outright: an unknown token or reference, a capture or refund beyond its amount. */
public class ProcessorRefusal extends RuntimeException {

    public ProcessorRefusal(String reason) {
        super(reason);
    }
}
