package io.billstream.billing.billingevent;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.order.BillingInterval;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void instalmentsAddUpToTheTotalWithTheRemainderOnTheFirstOnes() {
        assertThat(Schedule.instalments(10000, 3)).containsExactly(3334, 3333, 3333);
        assertThat(Schedule.instalments(29997, 3)).containsExactly(9999, 9999, 9999);
        assertThat(Schedule.instalments(11, 4)).containsExactly(3, 3, 3, 2);
        assertThat(Schedule.instalments(2, 2)).containsExactly(1, 1);
        long[] many = Schedule.instalments(1_000_000_007L, 120);
        assertThat(Arrays.stream(many).sum()).isEqualTo(1_000_000_007L);
        assertThat(many[0] - many[119]).isBetween(0L, 1L);
    }

    @Test
    void aMonthlyScheduleFromThe31stFallsOnTheLastDayOfShorterMonthsAndReturnsToThe31st() {
        Instant start = local("2027-01-31T09:00");
        assertThat(IntStream.range(0, 5)
                        .mapToObj(step -> Schedule.after(start, BERLIN, BillingInterval.MONTHLY, step))
                        .map(instant -> instant.atZone(BERLIN).toLocalDateTime().toString()))
                .containsExactly(
                        "2027-01-31T09:00",
                        "2027-02-28T09:00",
                        "2027-03-31T09:00",
                        "2027-04-30T09:00",
                        "2027-05-31T09:00");
    }

    @Test
    void aDaylightSavingChangeDoesNotMoveTheLocalCollectionTime() {
        Instant beforeTheChange = local("2027-03-21T09:00");
        Instant weekLater = Schedule.after(beforeTheChange, BERLIN, BillingInterval.WEEKLY, 1);
        assertThat(weekLater.atZone(BERLIN).toLocalDateTime()).hasToString("2027-03-28T09:00");
        assertThat(weekLater)
                .as("six days and 23 hours: the clocks went forward")
                .isEqualTo(beforeTheChange.plusSeconds(7 * 24 * 3600 - 3600));
        Instant autumn = Schedule.after(local("2027-10-21T09:00"), BERLIN, BillingInterval.MONTHLY, 1);
        assertThat(autumn.atZone(BERLIN).toLocalDateTime()).hasToString("2027-11-21T09:00");
    }

    @Test
    void aYearlyScheduleFromTheLeapDayFallsOnTheLastDayOfFebruary() {
        Instant leapDay = local("2028-02-29T12:00");
        assertThat(Schedule.after(leapDay, BERLIN, BillingInterval.YEARLY, 1)
                        .atZone(BERLIN)
                        .toLocalDate())
                .hasToString("2029-02-28");
        assertThat(Schedule.after(leapDay, BERLIN, BillingInterval.YEARLY, 4)
                        .atZone(BERLIN)
                        .toLocalDate())
                .hasToString("2032-02-29");
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }
}
