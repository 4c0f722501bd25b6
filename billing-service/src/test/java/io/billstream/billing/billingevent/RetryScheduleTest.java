package io.billstream.billing.billingevent;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.billing.billingevent.RetrySchedule.ByHand;
import io.billstream.billing.billingevent.RetrySchedule.Exhausted;
import io.billstream.billing.billingevent.RetrySchedule.RetryAt;
import io.billstream.events.merchant.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant DECLINED = Instant.parse("2026-11-21T09:00:00Z");
    private static final RetryPolicy POLICY = new RetryPolicy(true, List.of(24, 72, 168));

    @Test
    void eachRetryIsItsHoursAfterTheSoftDeclineCountingEveryRetrySoFar() {
        assertThat(RetrySchedule.after(POLICY, DECLINED, 1, DECLINED)).isEqualTo(new RetryAt(hours(24)));
        assertThat(RetrySchedule.after(POLICY, DECLINED, 2, hours(24))).isEqualTo(new RetryAt(hours(72)));
        assertThat(RetrySchedule.after(POLICY, DECLINED, 3, hours(72))).isEqualTo(new RetryAt(hours(168)));
        assertThat(RetrySchedule.after(POLICY, DECLINED, 2, hours(100)))
                .as("a manual retry after the planned time: the next one at once")
                .isEqualTo(new RetryAt(hours(100)));
    }

    @Test
    void pastThePolicysLastRetryOrWithoutAPolicyTheMerchantRetriesByHand() {
        assertThat(RetrySchedule.after(POLICY, DECLINED, 4, hours(168))).isInstanceOf(ByHand.class);
        assertThat(RetrySchedule.after(new RetryPolicy(false, List.of(24)), DECLINED, 1, DECLINED))
                .isInstanceOf(ByHand.class);
        assertThat(RetrySchedule.after(new RetryPolicy(true, List.of(24, 800)), DECLINED, 2, hours(24)))
                .as("a retry planned beyond the 30 days")
                .isInstanceOf(ByHand.class);
    }

    @Test
    void fifteenRetriesOrThirtyDaysEndTheRetries() {
        RetryPolicy hourly = new RetryPolicy(
                true, java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(RetrySchedule.after(hourly, DECLINED, 15, hours(14))).isEqualTo(new RetryAt(hours(15)));
        assertThat(RetrySchedule.after(hourly, DECLINED, 16, hours(15))).isInstanceOf(Exhausted.class);
        assertThat(RetrySchedule.after(POLICY, DECLINED, 2, DECLINED.plus(Duration.ofDays(30))))
                .isInstanceOf(Exhausted.class);
        assertThat(RetrySchedule.after(new RetryPolicy(false, List.of()), DECLINED, 16, hours(1)))
                .as("also for retries by hand")
                .isInstanceOf(Exhausted.class);
    }

    private static Instant hours(int hours) {
        return DECLINED.plus(Duration.ofHours(hours));
    }
}
