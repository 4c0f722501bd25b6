package io.billstream.events.portal;

import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer did something in the portal, for the customer's timeline. Carries no secret and no client address.
 *
 * @param sessionId the portal session it happened in; a sign-in and its sign-out share it
 * @param orderId the order the session is bound to, for a session opened by a payment link
 * @param method how the customer got in; present for {@code SIGNED_IN}
 */
public record PortalActionPerformed(
        UUID customerId,
        UUID sessionId,
        PortalAction action,
        @OptionalField SignInMethod method,
        @OptionalField UUID orderId,
        Instant performedAt) {}
