package io.billstream.billing.processor;

/**
 * What the processor answered.
 *
 * @param code the ISO 8583 response code: {@code 00} approved, such as {@code 51} or {@code 43} when declined
 * @param reference the processor's id of the transaction, for captures, refunds and reconciliation
 */
public record ProcessorOutcome(Result result, String code, String reference) {

    public enum Result {
        APPROVED,
        /** May succeed on a retry: insufficient funds, issuer unavailable, do not honour. */
        SOFT_DECLINED,
        /** Needs another card: stolen, invalid number, expired, restricted. */
        HARD_DECLINED
    }

    public boolean approved() {
        return result == Result.APPROVED;
    }
}
