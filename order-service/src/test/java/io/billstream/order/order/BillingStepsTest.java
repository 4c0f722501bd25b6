package io.billstream.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.EventSamples;
import io.billstream.events.Money;
import io.billstream.events.billing.BillingEventRescheduled;
import io.billstream.events.billing.BillingEventSkipped;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.TransactionType;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import io.billstream.order.order.BillingEventCopy.Status;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The status an order's billing events and figures call for, without infrastructure. */
class BillingStepsTest {

    private static final PaymentApproved APPROVED = EventSamples.read(PaymentApproved.class);
    private static final PaymentDeclined DECLINED = EventSamples.read(PaymentDeclined.class);

    @Test
    void theFirstApprovalMovesEveryPreliminaryOrderAndADeclineDependsOnHowItWasAttempted() {
        for (OrderStatus status : List.of(OrderStatus.DRAFT, OrderStatus.PENDING, OrderStatus.REJECTED)) {
            assertThat(BillingSteps.firstStep(status, APPROVED)).hasValue(OrderTransition.FIRST_PAYMENT_APPROVED);
        }
        assertThat(BillingSteps.firstStep(OrderStatus.DRAFT, DECLINED))
                .hasValue(OrderTransition.VIRTUAL_TERMINAL_DECLINED);
        assertThat(BillingSteps.firstStep(OrderStatus.PENDING, DECLINED))
                .hasValue(OrderTransition.LINK_ATTEMPT_DECLINED);
        assertThat(BillingSteps.firstStep(OrderStatus.REJECTED, DECLINED)).isEmpty();
        PaymentDeclined throughTheLink = withChannel(PaymentChannel.PAYMENT_LINK);
        PaymentDeclined onThePhone = withChannel(PaymentChannel.VIRTUAL_TERMINAL);
        assertThat(BillingSteps.firstStep(OrderStatus.PENDING, throughTheLink))
                .hasValue(OrderTransition.LINK_ATTEMPT_DECLINED);
        assertThat(BillingSteps.firstStep(OrderStatus.DRAFT, onThePhone))
                .hasValue(OrderTransition.VIRTUAL_TERMINAL_DECLINED);
        assertThat(BillingSteps.firstStep(OrderStatus.PENDING, onThePhone))
                .as("a phone attempt on an order whose link is out leaves it waiting for the customer")
                .isEmpty();
        assertThat(BillingSteps.firstStep(OrderStatus.ACTIVE, APPROVED))
                .as("only a preliminary order takes a first step")
                .isEmpty();
        assertThat(BillingSteps.firstStep(OrderStatus.DRAFT, EventSamples.read(BillingEventSkipped.class)))
                .isEmpty();
    }

    @Test
    void aSoftDeclineBeingRetriedFailsAnActiveOrderAndADeclineForGoodSuspendsIt() {
        Order active = order(PurchaseType.INSTALMENT, OrderStatus.ACTIVE, 30000, 10000, null);
        assertThat(settle(active, List.of(event(Status.SOFT_DECLINED, false))))
                .hasValue(OrderTransition.BILLING_EVENT_SOFT_DECLINED);
        assertThat(settle(active, List.of(event(Status.SOFT_DECLINED, true))))
                .hasValue(OrderTransition.RETRIES_EXHAUSTED);
        assertThat(settle(active, List.of(event(Status.SOFT_DECLINED, true), event(Status.HARD_DECLINED, false))))
                .hasValue(OrderTransition.BILLING_EVENT_HARD_DECLINED);

        Order failed = order(PurchaseType.INSTALMENT, OrderStatus.FAILED, 30000, 10000, null);
        assertThat(settle(failed, List.of(event(Status.SOFT_DECLINED, false)))).isEmpty();
        assertThat(settle(failed, List.of(event(Status.HARD_DECLINED, false))))
                .hasValue(OrderTransition.BILLING_EVENT_HARD_DECLINED);
    }

    @Test
    void aSuspendedOrderReturnsToActiveOnlyWhenWhatWasDeclinedIsCollected() {
        Order suspended = order(PurchaseType.INSTALMENT, OrderStatus.SUSPENDED, 30000, 10000, null);
        List<BillingEventCopy> movedAway = List.of(event(Status.SCHEDULED, false));
        assertThat(BillingSteps.settle(suspended, movedAway, EventSamples.read(BillingEventRescheduled.class)))
                .as("a declined event moved to a later date still waits for a new card")
                .isEmpty();
        assertThat(BillingSteps.settle(suspended, movedAway, EventSamples.read(BillingEventSkipped.class)))
                .isEmpty();
        Order failed = order(PurchaseType.INSTALMENT, OrderStatus.FAILED, 30000, 10000, null);
        assertThat(BillingSteps.settle(failed, movedAway, EventSamples.read(BillingEventRescheduled.class)))
                .as("a failed order is active again once nothing declined is left")
                .hasValue(OrderTransition.DECLINES_COLLECTED);
        assertThat(settle(suspended, List.of(event(Status.SOFT_DECLINED, false))))
                .as("a soft decline alone does not lift a suspension")
                .isEmpty();
        assertThat(settle(suspended, List.of(event(Status.RECOVERED, false), event(Status.SCHEDULED, false))))
                .hasValue(OrderTransition.DECLINES_COLLECTED);
    }

    @Test
    void anActiveOrderCompletesWhenEverythingIsCollectedAndNothingIsOpen() {
        List<BillingEventCopy> collected = List.of(event(Status.COMPLETED, false), event(Status.SKIPPED, false));
        assertThat(settle(order(PurchaseType.INSTALMENT, OrderStatus.ACTIVE, 20000, 20000, null), collected))
                .hasValue(OrderTransition.EVERYTHING_COLLECTED);
        assertThat(settle(
                        order(PurchaseType.INSTALMENT, OrderStatus.ACTIVE, 20000, 20000, null),
                        List.of(event(Status.COMPLETED, false), event(Status.SCHEDULED, false))))
                .as("an event still scheduled")
                .isEmpty();
        assertThat(settle(order(PurchaseType.INSTALMENT, OrderStatus.ACTIVE, 20000, 10000, null), collected))
                .isEmpty();
        assertThat(settle(order(PurchaseType.SINGLE, OrderStatus.ACTIVE, 4999, 4999, null), List.of()))
                .hasValue(OrderTransition.EVERYTHING_COLLECTED);
        assertThat(settle(order(PurchaseType.SUBSCRIPTION, OrderStatus.ACTIVE, 3998, 3998, 2), collected))
                .hasValue(OrderTransition.EVERYTHING_COLLECTED);
        assertThat(settle(order(PurchaseType.SUBSCRIPTION, OrderStatus.ACTIVE, 3998, 3998, null), collected))
                .as("an open-ended subscription")
                .isEmpty();
        assertThat(settle(order(PurchaseType.METERED, OrderStatus.ACTIVE, 3998, 3998, null), collected))
                .isEmpty();
    }

    @Test
    void anInstalmentOrderThatCollectedMoreThanItsValueGoesToReview() {
        assertThat(settle(
                        order(PurchaseType.INSTALMENT, OrderStatus.ACTIVE, 20000, 30000, null),
                        List.of(event(Status.SCHEDULED, false))))
                .hasValue(OrderTransition.OVERCOLLECTED);
        assertThat(settle(order(PurchaseType.SINGLE, OrderStatus.ACTIVE, 4999, 9998, null), List.of()))
                .as("a single order paid twice completes; REVIEW is for instalments")
                .hasValue(OrderTransition.EVERYTHING_COLLECTED);
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"DRAFT", "PENDING", "REJECTED", "PAUSED", "REVIEW", "CANCELLED", "COMPLETE"})
    void billingNeverMovesAnOrderThatIsNotActiveFailedOrSuspended(OrderStatus status) {
        Order order = order(PurchaseType.INSTALMENT, status, 20000, 30000, null);
        assertThat(settle(order, List.of(event(Status.HARD_DECLINED, false)))).isEmpty();
        assertThat(settle(order, List.of(event(Status.COMPLETED, false)))).isEmpty();
    }

    private static PaymentDeclined withChannel(PaymentChannel channel) {
        return new PaymentDeclined(
                DECLINED.orderId(),
                null,
                DECLINED.transactionId(),
                DECLINED.amount(),
                DECLINED.kind(),
                DECLINED.code(),
                1,
                null,
                DECLINED.declinedAt(),
                TransactionType.PAYMENT,
                channel);
    }

    /** The status steps after a collection, which may lift any decline. */
    private static java.util.Optional<OrderTransition> settle(Order order, List<BillingEventCopy> events) {
        return BillingSteps.settle(order, events, APPROVED);
    }

    private static BillingEventCopy event(Status status, boolean retriesExhausted) {
        return new BillingEventCopy(UUID.randomUUID(), 10000, status, retriesExhausted);
    }

    private static Order order(PurchaseType type, OrderStatus status, long total, long paid, Integer cycles) {
        Money zero = Money.of(0, "EUR");
        return new Order(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "ORD-1",
                type,
                Money.of(total, "EUR"),
                new OrderFigures(Money.of(paid, "EUR"), zero, zero, zero, null),
                List.of(),
                new PaymentPlan(null, null, null, cycles),
                FirstAction.PAYMENT,
                PaymentChannel.PAYMENT_LINK,
                status,
                Instant.now(),
                Instant.now());
    }
}
