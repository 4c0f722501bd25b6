package io.billstream.platform.copy;

import java.util.UUID;

/**
 * How far the events of one subject (an order, a customer) have gone at its owner.
 *
 * @param merchantId whose subject it is
 * @param version the sequence number of the last event the owner committed for it (CloudEvents {@code sequence})
 */
public record SubjectVersion(UUID subject, UUID merchantId, long version) {

    /** Whether the subject is {@code merchantId}'s; another merchant's subject is as unknown as a missing one. */
    public boolean belongsTo(UUID merchantId) {
        return merchantId.equals(this.merchantId);
    }
}
