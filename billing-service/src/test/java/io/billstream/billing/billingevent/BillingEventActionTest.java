package io.billstream.billing.billingevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billstream.events.Money;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every action from every status, against DOMAIN.md's list of actions. */
class BillingEventActionTest {

    private static final Set<BillingEventStatus> CHANGEABLE = EnumSet.of(
            BillingEventStatus.SCHEDULED, BillingEventStatus.SOFT_DECLINED, BillingEventStatus.HARD_DECLINED);

    private static final Map<BillingEventAction, Set<BillingEventStatus>> ALLOWED = Map.of(
            BillingEventAction.SKIP, CHANGEABLE,
            BillingEventAction.RESCHEDULE, CHANGEABLE,
            BillingEventAction.MERGE, CHANGEABLE,
            BillingEventAction.RETRY, EnumSet.of(BillingEventStatus.SOFT_DECLINED),
            BillingEventAction.EXECUTE_NOW, EnumSet.of(BillingEventStatus.SCHEDULED));

    @ParameterizedTest
    @EnumSource(BillingEventStatus.class)
    void eachActionIsAllowedFromItsStatusesAndRefusedWithTheCurrentStatusFromTheOthers(BillingEventStatus status) {
        BillingEvent event = new BillingEvent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                1,
                Money.of(100, "EUR"),
                Instant.now(),
                status,
                0,
                null,
                Instant.now(),
                null,
                null,
                null);
        for (BillingEventAction action : BillingEventAction.values()) {
            if (ALLOWED.get(action).contains(status)) {
                assertThat(action.allowedFrom(status))
                        .as("%s from %s", action, status)
                        .isTrue();
                action.check(event);
            } else {
                assertThat(action.allowedFrom(status))
                        .as("%s from %s", action, status)
                        .isFalse();
                assertThatThrownBy(() -> action.check(event))
                        .isInstanceOf(ActionNotAllowed.class)
                        .hasMessageContaining(status.name())
                        .satisfies(refused -> assertThat(((ActionNotAllowed) refused).properties())
                                .containsEntry("currentStatus", status.name()));
            }
        }
    }
}
