package io.billstream.notification.web;

import io.billstream.events.Topics;
import io.billstream.notification.message.Notification;
import io.billstream.notification.message.Notifications;
import io.billstream.notification.message.SecretMessage;
import io.billstream.notification.recipient.Recipients;
import io.billstream.platform.copy.Copies;
import io.billstream.platform.inbox.NotKnownYet;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import io.billstream.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal endpoint through which portal-service asks for the messages that carry a secret. Secrets never travel
 * on Kafka, where every consumer could read them; only portal-service's own service token is let in here. The gateway
 * routes nothing under {@code /internal}.
 */
@RestController
class SecretMessageController {

    static final String PORTAL_SERVICE = "portal-service";
    private static final Pattern CODE = Pattern.compile("[0-9]{4,10}");
    private static final Duration LONGEST_VALIDITY = Duration.ofDays(30);

    private final Notifications notifications;
    private final Recipients recipients;
    private final Copies copies;
    private final Clock clock;

    SecretMessageController(Notifications notifications, Recipients recipients, Copies copies, Clock clock) {
        this.notifications = notifications;
        this.recipients = recipients;
        this.copies = copies;
        this.clock = clock;
    }

    /**
     * A message with a secret to send to a merchant's customer.
     *
     * @param requestId the caller's id of this request: asked again under the same id, the message is sent once
     * @param code the one-time code, for {@code one-time-password}
     * @param link the link with its token, for every other template
     * @param expiresAt when the code or link stops working; a message not sent by then is given up
     */
    record MessageRequest(
            @NotNull UUID requestId,

            @NotNull
            @Schema(
                    example = "one-time-password",
                    allowableValues = {
                        "one-time-password",
                        "portal-invitation",
                        "email-confirmation",
                        "password-reset",
                        "payment-link",
                        "usage-export-ready"
                    })
            String template,

            @NotNull UUID merchantId,
            @NotNull UUID customerId,

            @Schema(description = "The order it is about: required for payment-link and usage-export-ready")
            UUID orderId,

            @Size(max = 10) @Schema(example = "493817") String code,

            @Size(max = 2048) @Schema(example = "https://pay.example.com/portal/links/7Qm2x9")
            String link,

            @NotNull Instant expiresAt) {}

    @Hidden // for the platform's own services, not part of the merchant API
    @PostMapping("/internal/v1/messages")
    @Operation(
            summary = "Send a customer a message carrying a secret: a one-time code, an invitation, confirmation,"
                    + " reset, payment or export link (portal-service only)",
            description = "Queued by email, and by SMS where its template has one, the merchant sends SMS and the"
                    + " customer has a phone; answered 202 with the queued messages, the secret hidden. The same"
                    + " requestId again queues nothing new. 503 with Retry-After while the customer or the order has"
                    + " not reached this service yet.")
    ResponseEntity<List<Notification>> send(@Valid @RequestBody MessageRequest request, Caller caller) {
        caller.requireService(PORTAL_SERVICE);
        SecretMessage kind = valid(request);
        // Sent to the customer's address as order-service last answered for it: a changed email is used at once.
        if (!copies.awaitCurrent(
                Topics.CUSTOMERS,
                request.merchantId(),
                request.customerId(),
                () -> recipients.customerSequence(request.customerId()))) {
            throw new InvalidRequest(List.of(new FieldError("customerId", "no such customer of the merchant")));
        }
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(notifications.withSecret(
                            request.requestId(),
                            request.merchantId(),
                            request.customerId(),
                            request.orderId(),
                            kind,
                            kind.carriesLink() ? request.link() : request.code(),
                            request.expiresAt()));
        } catch (NotKnownYet missing) {
            throw new RecipientNotKnownYet(missing.getMessage());
        }
    }

    private SecretMessage valid(MessageRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Optional<SecretMessage> kind = SecretMessage.of(request.template());
        if (kind.isEmpty()) {
            errors.add(new FieldError(
                    "template",
                    "must be one of "
                            + Arrays.stream(SecretMessage.values())
                                    .map(SecretMessage::template)
                                    .toList()));
        }
        kind.ifPresent(known -> {
            if (known.carriesLink()) {
                if (request.link() == null || !isWebLink(request.link())) {
                    errors.add(new FieldError("link", "an http or https link is required for " + known.template()));
                }
                if (request.code() != null) {
                    errors.add(new FieldError("code", known.template() + " carries a link, not a code"));
                }
            } else {
                if (request.code() == null || !CODE.matcher(request.code()).matches()) {
                    errors.add(new FieldError("code", "4 to 10 digits are required for " + known.template()));
                }
                if (request.link() != null) {
                    errors.add(new FieldError("link", known.template() + " carries a code, not a link"));
                }
            }
            if (known.aboutAnOrder() && request.orderId() == null) {
                errors.add(new FieldError("orderId", "is required for " + known.template()));
            }
        });
        Instant now = clock.instant();
        if (!request.expiresAt().isAfter(now)) {
            errors.add(new FieldError("expiresAt", "must be in the future"));
        } else if (request.expiresAt().isAfter(now.plus(LONGEST_VALIDITY))) {
            errors.add(new FieldError("expiresAt", "must be at most 30 days ahead"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return kind.orElseThrow();
    }

    private static boolean isWebLink(String link) {
        try {
            URI uri = new URI(link);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The customer's or the order's copy has not arrived yet: it is on its way, so the caller tries again soon. */
    static final class RecipientNotKnownYet extends ProblemException {

        RecipientNotKnownYet(String what) {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Recipient not known yet",
                    "The " + what + "; nothing was queued. Try again shortly.");
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(Duration.ofSeconds(5));
        }
    }
}
