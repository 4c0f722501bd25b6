package io.billstream.billing.billingevent;

import io.billstream.events.order.BillingInterval;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** How a schedule divides amounts and places dates; pure rules, in the merchant's time zone. */
final class Schedule {

    private Schedule() {}

    /**
     * The amounts of {@code count} instalments of {@code total} minor units: equal, with the remainder spread one
     * minor unit each over the first instalments, so that they add up to the total exactly and no later instalment is
     * larger than an earlier one.
     */
    static long[] instalments(long total, int count) {
        long[] amounts = new long[count];
        long base = total / count;
        long remainder = total % count;
        for (int i = 0; i < count; i++) {
            amounts[i] = base + (i < remainder ? 1 : 0);
        }
        return amounts;
    }

    /**
     * The date {@code steps} intervals after {@code start}, counted from the start each time in the merchant's time
     * zone: the local time of day stays across daylight-saving changes, and a monthly schedule from the 31st falls on
     * the last day of shorter months and returns to the 31st after them.
     */
    static Instant after(Instant start, ZoneId zone, BillingInterval interval, int steps) {
        ZonedDateTime first = start.atZone(zone);
        ZonedDateTime date = switch (interval) {
            case WEEKLY -> first.plusWeeks(steps);
            case MONTHLY -> first.plusMonths(steps);
            case YEARLY -> first.plusYears(steps);
        };
        return date.toInstant();
    }
}
