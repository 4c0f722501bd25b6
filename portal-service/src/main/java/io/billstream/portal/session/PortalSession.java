package io.billstream.portal.session;

import io.billstream.events.portal.SignInMethod;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A live portal session.
 *
 * @param orderId the only order it may see, for a session opened by a payment link; null for a customer's own
 */
public record PortalSession(
        UUID id,
        UUID merchantId,
        UUID customerId,
        @Nullable UUID orderId,
        SignInMethod method,
        Instant createdAt,
        Instant expiresAt) {}
