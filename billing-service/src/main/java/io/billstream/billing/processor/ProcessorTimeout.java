package io.billstream.billing.processor;

/** No answer in time: the request may or may not have been carried out; ask for its outcome under the same key. */
public class ProcessorTimeout extends RuntimeException {

    public ProcessorTimeout(String idempotencyKey) {
        super("no answer from the processor in time for idempotency key " + idempotencyKey);
    }
}
