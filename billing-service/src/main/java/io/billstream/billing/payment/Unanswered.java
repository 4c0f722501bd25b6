package io.billstream.billing.payment;

import java.util.UUID;

/**
 * A transaction still waiting for the processor's answer, with what asking again under its key needs.
 *
 * @param cardToken the card it was sent with: the stored card's, or a first step's new card's
 * @param parentReference the processor's id of what a capture or refund takes money of
 * @param customerId the order's customer, whose card an approved first step stores
 */
public record Unanswered(NewTransaction transaction, String cardToken, String parentReference, UUID customerId) {}
