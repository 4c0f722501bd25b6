package io.billstream.events.order;

import io.billstream.events.Actor;
import java.time.Instant;
import java.util.UUID;

/**
 * The merchant asked for a payment link to be sent to the order's customer; the auth service mints the signed link
 * and the notification service sends it. The link itself never travels on Kafka.
 */
public record PaymentLinkIssued(UUID orderId, UUID customerId, Actor actor, Instant issuedAt) {}
