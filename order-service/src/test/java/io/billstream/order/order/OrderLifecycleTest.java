package io.billstream.order.order;

import static io.billstream.events.order.OrderStatus.ACTIVE;
import static io.billstream.events.order.OrderStatus.CANCELLED;
import static io.billstream.events.order.OrderStatus.COMPLETE;
import static io.billstream.events.order.OrderStatus.DRAFT;
import static io.billstream.events.order.OrderStatus.FAILED;
import static io.billstream.events.order.OrderStatus.PAUSED;
import static io.billstream.events.order.OrderStatus.PENDING;
import static io.billstream.events.order.OrderStatus.REJECTED;
import static io.billstream.events.order.OrderStatus.REVIEW;
import static io.billstream.events.order.OrderStatus.SUSPENDED;
import static io.billstream.order.order.OrderTransition.BILLING_EVENT_HARD_DECLINED;
import static io.billstream.order.order.OrderTransition.BILLING_EVENT_SOFT_DECLINED;
import static io.billstream.order.order.OrderTransition.DECLINES_COLLECTED;
import static io.billstream.order.order.OrderTransition.EVERYTHING_COLLECTED;
import static io.billstream.order.order.OrderTransition.FIRST_PAYMENT_APPROVED;
import static io.billstream.order.order.OrderTransition.LINK_ATTEMPT_DECLINED;
import static io.billstream.order.order.OrderTransition.MARKED_COMPLETE;
import static io.billstream.order.order.OrderTransition.OVERCOLLECTED;
import static io.billstream.order.order.OrderTransition.PAYMENT_LINK_SENT;
import static io.billstream.order.order.OrderTransition.RESUMED;
import static io.billstream.order.order.OrderTransition.RETRIES_EXHAUSTED;
import static io.billstream.order.order.OrderTransition.SUBSCRIPTION_CANCELLED;
import static io.billstream.order.order.OrderTransition.VIRTUAL_TERMINAL_DECLINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PurchaseType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of DOMAIN.md's status table, for every purchase type: the rows below are copied from the table, and
 * every combination of status, transition and purchase type not among them must be refused.
 */
class OrderLifecycleTest {

    private static final Set<PurchaseType> ALL_TYPES = EnumSet.allOf(PurchaseType.class);

    /** One row of the table: from these statuses, for these purchase types, this transition leads there. */
    private record Row(Set<OrderStatus> from, OrderTransition transition, Set<PurchaseType> types, OrderStatus to) {}

    private static final List<Row> TABLE = List.of(
            new Row(EnumSet.of(DRAFT), PAYMENT_LINK_SENT, ALL_TYPES, PENDING),
            new Row(EnumSet.of(DRAFT, PENDING, REJECTED), FIRST_PAYMENT_APPROVED, ALL_TYPES, ACTIVE),
            new Row(EnumSet.of(DRAFT), VIRTUAL_TERMINAL_DECLINED, ALL_TYPES, REJECTED),
            new Row(EnumSet.of(PENDING), LINK_ATTEMPT_DECLINED, ALL_TYPES, PENDING),
            new Row(EnumSet.of(REJECTED), PAYMENT_LINK_SENT, ALL_TYPES, PENDING),
            new Row(EnumSet.of(DRAFT, PENDING, REJECTED), OrderTransition.CANCELLED, ALL_TYPES, CANCELLED),
            new Row(EnumSet.of(ACTIVE), BILLING_EVENT_SOFT_DECLINED, ALL_TYPES, FAILED),
            new Row(EnumSet.of(ACTIVE, FAILED), BILLING_EVENT_HARD_DECLINED, ALL_TYPES, SUSPENDED),
            new Row(EnumSet.of(ACTIVE, FAILED), RETRIES_EXHAUSTED, ALL_TYPES, SUSPENDED),
            new Row(EnumSet.of(FAILED, SUSPENDED), DECLINES_COLLECTED, ALL_TYPES, ACTIVE),
            new Row(EnumSet.of(ACTIVE), OrderTransition.PAUSED, EnumSet.of(PurchaseType.SUBSCRIPTION), PAUSED),
            new Row(EnumSet.of(PAUSED), RESUMED, ALL_TYPES, ACTIVE),
            new Row(
                    EnumSet.of(ACTIVE, FAILED, SUSPENDED, PAUSED, REVIEW),
                    SUBSCRIPTION_CANCELLED,
                    EnumSet.of(PurchaseType.SUBSCRIPTION),
                    CANCELLED),
            new Row(EnumSet.of(ACTIVE), OVERCOLLECTED, EnumSet.of(PurchaseType.INSTALMENT), REVIEW),
            new Row(EnumSet.of(ACTIVE), EVERYTHING_COLLECTED, ALL_TYPES, COMPLETE),
            new Row(EnumSet.of(ACTIVE, FAILED, SUSPENDED, PAUSED, REVIEW), MARKED_COMPLETE, ALL_TYPES, COMPLETE));

    static Stream<Arguments> everyCell() {
        List<Arguments> cells = new ArrayList<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderTransition transition : OrderTransition.values()) {
                for (PurchaseType type : PurchaseType.values()) {
                    OrderStatus expected = TABLE.stream()
                            .filter(row -> row.from().contains(from)
                                    && row.transition() == transition
                                    && row.types().contains(type))
                            .map(Row::to)
                            .findFirst()
                            .orElse(null);
                    cells.add(Arguments.of(from, transition, type, expected));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{2} {0} --{1}--> {3}")
    @MethodSource("everyCell")
    void followsTheStatusTable(OrderStatus from, OrderTransition transition, PurchaseType type, OrderStatus expected) {
        if (expected != null) {
            assertThat(OrderLifecycle.next(from, transition, type, false)).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> OrderLifecycle.next(from, transition, type, false))
                    .isInstanceOfSatisfying(TransitionNotAllowed.class, refusal -> {
                        assertThat(refusal.currentStatus()).isEqualTo(from);
                        assertThat(refusal.properties()).containsEntry("currentStatus", from.name());
                        assertThat(refusal.getMessage()).contains(from.name());
                    });
        }
    }

    @Test
    void aSingleOrderPaidInFullByItsFirstPaymentIsCompleteAtOnce() {
        for (OrderStatus from : List.of(DRAFT, PENDING, REJECTED)) {
            assertThat(OrderLifecycle.next(from, FIRST_PAYMENT_APPROVED, PurchaseType.SINGLE, true))
                    .isEqualTo(COMPLETE);
        }
        assertThat(OrderLifecycle.next(DRAFT, FIRST_PAYMENT_APPROVED, PurchaseType.SINGLE, false))
                .as("a pre-authorisation or card registration does not settle the order")
                .isEqualTo(ACTIVE);
        assertThat(OrderLifecycle.next(DRAFT, FIRST_PAYMENT_APPROVED, PurchaseType.INSTALMENT, true))
                .as("only a SINGLE order is settled by one payment")
                .isEqualTo(ACTIVE);
    }

    @Test
    void finalStatusesAllowNothing() {
        for (OrderStatus from : List.of(CANCELLED, COMPLETE)) {
            for (OrderTransition transition : OrderTransition.values()) {
                assertThatThrownBy(() -> OrderLifecycle.next(from, transition, PurchaseType.SUBSCRIPTION, false))
                        .isInstanceOf(TransitionNotAllowed.class);
            }
        }
    }

    @Test
    void statusesFallIntoTheirThreeGroups() {
        assertThat(Stream.of(OrderStatus.values()).filter(OrderStatus::isPreliminary))
                .containsExactly(DRAFT, PENDING, REJECTED);
        assertThat(Stream.of(OrderStatus.values()).filter(OrderStatus::isLive))
                .containsExactly(ACTIVE, FAILED, SUSPENDED, PAUSED, REVIEW);
        assertThat(Stream.of(OrderStatus.values()).filter(OrderStatus::isFinal)).containsExactly(CANCELLED, COMPLETE);
    }
}
