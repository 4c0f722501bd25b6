package io.billstream.billing.card;

import io.billstream.billing.merchant.MerchantCopies;
import io.billstream.events.card.CardExpiring;
import io.billstream.platform.outbox.EventPublisher;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Once a day, the cards live orders are charged to that expire this month or next, or have expired, are published as
 * {@code CardExpiring}, once per card and month (in the merchant's time zone), so that the customer is asked to update
 * the card before a billing event is declined.
 */
@Service
public class ExpiringCards {

    private static final Logger log = LoggerFactory.getLogger(ExpiringCards.class);

    private final JdbcClient jdbc;
    private final MerchantCopies merchants;
    private final EventPublisher events;
    private final Clock clock;

    ExpiringCards(JdbcClient jdbc, MerchantCopies merchants, EventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.merchants = merchants;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(cron = "${billstream.expiring-cards.cron:0 0 6 * * *}", zone = "UTC")
    void daily() {
        int noticed = notice();
        if (noticed > 0) {
            log.info("Expiring cards noticed count='{}'", noticed);
        }
    }

    /** Publishes the notices due now; how many. */
    @Transactional
    public int notice() {
        Instant now = clock.instant();
        // The latest month any merchant can be in now: cards expiring up to the month after it are candidates.
        YearMonth latest =
                YearMonth.from(now.atZone(java.time.ZoneOffset.ofHours(14))).plusMonths(1);
        List<Candidate> candidates = jdbc.sql("""
                        SELECT c.id, c.merchant_id, c.customer_id, c.brand, c.last4, c.expiry_month, c.expiry_year,
                               array_agg(o.id ORDER BY o.created_at) AS order_ids
                        FROM card c
                        JOIN order_copy o ON o.card_id = c.id
                        WHERE c.removed_at IS NULL
                          AND o.status IN ('ACTIVE', 'FAILED', 'SUSPENDED', 'PAUSED', 'REVIEW')
                          AND c.expiry_year * 12 + c.expiry_month <= :latest
                        GROUP BY c.id""")
                .param("latest", latest.getYear() * 12 + latest.getMonthValue())
                .query((row, number) -> new Candidate(
                        row.getObject("id", UUID.class),
                        row.getObject("merchant_id", UUID.class),
                        row.getObject("customer_id", UUID.class),
                        row.getString("brand"),
                        row.getString("last4"),
                        YearMonth.of(row.getInt("expiry_year"), row.getInt("expiry_month")),
                        ids(row.getArray("order_ids"))))
                .list();
        int noticed = 0;
        // Several instances may run this at once: the notice's key lets one of them publish each.
        for (Candidate card : candidates) {
            YearMonth month = YearMonth.from(now.atZone(merchants.zoneOf(card.merchantId())));
            if (card.expiry().isAfter(month.plusMonths(1))) {
                continue;
            }
            LocalDate first = month.atDay(1);
            int inserted = jdbc.sql("""
                            INSERT INTO card_expiry_notice (card_id, month, noticed_at) VALUES (:card, :month, :now)
                            ON CONFLICT DO NOTHING""")
                    .param("card", card.id())
                    .param("month", Date.valueOf(first))
                    .param("now", Timestamp.from(now))
                    .update();
            if (inserted == 1) {
                events.publish(
                        card.merchantId(),
                        new CardExpiring(
                                card.customerId(),
                                card.id(),
                                card.brand(),
                                card.last4(),
                                card.expiry().getMonthValue(),
                                card.expiry().getYear(),
                                card.expiry().isBefore(month),
                                card.orderIds(),
                                first,
                                now));
                noticed++;
            }
        }
        return noticed;
    }

    private record Candidate(
            UUID id,
            UUID merchantId,
            UUID customerId,
            String brand,
            String last4,
            YearMonth expiry,
            List<UUID> orderIds) {}

    private static List<UUID> ids(Array array) throws SQLException {
        return Arrays.asList((UUID[]) array.getArray());
    }
}
