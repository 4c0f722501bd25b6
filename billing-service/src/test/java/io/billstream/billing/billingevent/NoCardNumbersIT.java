package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.Topics;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * After every path a card takes (hosted card fields, registrations, first steps, the billing run's charges and
 * declines, refunds), no card number and no security code is in any table, on any topic, in the log or in an answer
 * of the API; only brand, last four digits and expiry.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class NoCardNumbersIT extends MerchantScenario {

    /** Every documented test card, and an ordinary one. */
    private static final List<String> NUMBERS = List.of(
            "4242424242424242",
            "5555555555554444",
            "4000000000009953",
            "4000000000000911",
            "4000000000000051",
            "4000000000000432",
            "4000000000000143",
            "4000000000000549",
            "4000000000000622",
            "4000000000007775",
            "4111111111111111");

    /**
     * The security code given with every card. Four digits also occur by chance in ids and times, so it is looked for
     * as a value of its own: quoted in JSON, or a whole column in a row.
     */
    private static final String SECURITY_CODE = "8531";

    /** Between the columns of a row as {@link #everyRowOfEveryTable} reads it. */
    private static final String COLUMNS = " | ";

    @Autowired
    BillingRun run;

    private final List<String> answers = new ArrayList<>();

    @Test
    void noCardNumberOrSecurityCodeIsKeptAnywhere(CapturedOutput log) {
        for (String number : NUMBERS) {
            HttpResponse<String> tokenized = api.post(
                    "/sandbox/v1/tokens",
                    null,
                    "{\"number\": \"%s\", \"expiryMonth\": 12, \"expiryYear\": 2031, \"cvc\": \"%s\"}"
                            .formatted(number, SECURITY_CODE));
            answers.add(tokenized.body());
            String token = json(tokenized).path("token").asString();
            UUID orderId = UUID.randomUUID();
            UUID customerId = knownCustomer(UUID.randomUUID());
            orderService.publish(
                    merchantId, FirstPaymentsIT.order(orderId, customerId, PurchaseType.SINGLE, FirstAction.PAYMENT));
            await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("DRAFT"));
            answers.add(
                    api.post("/api/v1/customers/" + customerId + "/cards", merchant, "{\"token\": \"" + token + "\"}")
                            .body());
            HttpResponse<String> paid =
                    api.post("/api/v1/orders/" + orderId + "/payments", merchant, "{\"token\": \"" + token + "\"}");
            answers.add(paid.body());
            if (json(paid).path("status").asString().equals("APPROVED")) {
                answers.add(
                        api.post("/api/v1/payments/" + json(paid).path("id").asString() + "/refunds", merchant, null)
                                .body());
            }
            answers.add(api.get("/api/v1/payments?orderId=" + orderId, merchant).body());
        }
        for (String number : List.of("4242424242424242", "4000000000009953", "4000000000000432")) {
            UUID orderId = activeInstalmentOrder(number);
            run.collectDue();
            answers.add(api.get("/api/v1/orders/" + orderId + "/transactions", merchant)
                    .body());
            answers.add(api.get("/api/v1/orders/" + orderId + "/card", merchant).body());
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                jdbc.sql("SELECT count(*) FROM platform.outbox_record WHERE completed_at IS NULL")
                                        .query(Long.class)
                                        .single())
                        .as("events not yet on the broker")
                        .isZero());

        assertThat(answers).allSatisfy(NoCardNumbersIT::holdsNoCardData);
        assertThat(everyRowOfEveryTable()).allSatisfy(NoCardNumbersIT::holdsNoCardData);
        assertThat(everyRecordOfEveryTopic()).isNotEmpty().allSatisfy(NoCardNumbersIT::holdsNoCardData);
        assertThat(log.getAll()).satisfies(NoCardNumbersIT::holdsNoCardData);
        assertThat(everyRowOfEveryTable())
                .as("the scan reads what was stored")
                .anySatisfy(row -> assertThat(row).contains("4242"));
    }

    private static void holdsNoCardData(String text) {
        for (String number : NUMBERS) {
            assertThat(text).doesNotContain(number);
        }
        assertThat(text)
                .doesNotContain("\"" + SECURITY_CODE + "\"")
                .doesNotContain(COLUMNS + SECURITY_CODE + COLUMNS)
                .doesNotStartWith(SECURITY_CODE + COLUMNS)
                .doesNotEndWith(COLUMNS + SECURITY_CODE)
                .doesNotContainIgnoringCase("\"cvc\"");
    }

    /** Each row of each table of the service's schemas as text, binary columns decoded. */
    private List<String> everyRowOfEveryTable() {
        Map<String, List<Map<String, Object>>> columns = jdbc.sql("""
                        SELECT table_schema || '.' || table_name AS table_name, column_name, data_type
                        FROM information_schema.columns
                        WHERE table_schema IN ('public', 'platform') ORDER BY ordinal_position""").query().listOfRows().stream()
                .collect(Collectors.groupingBy(row -> (String) row.get("table_name")));
        List<String> rows = new ArrayList<>();
        columns.forEach((table, tableColumns) -> {
            String text = tableColumns.stream()
                    .map(column -> "bytea".equals(column.get("data_type"))
                            ? "encode(\"" + column.get("column_name") + "\", 'escape')"
                            : "\"" + column.get("column_name") + "\"::text")
                    .collect(Collectors.joining(", "));
            rows.addAll(jdbc.sql("SELECT concat_ws('" + COLUMNS + "', " + text + ") FROM " + table)
                    .query(String.class)
                    .list());
        });
        return rows;
    }

    private static List<String> everyRecordOfEveryTopic() {
        try (TopicReader reader = new TopicReader(Topics.ALL)) {
            List<String> records = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : reader.readToEnd(Duration.ofSeconds(60))) {
                StringBuilder text = new StringBuilder(record.key() == null ? "" : record.key());
                for (Header header : record.headers()) {
                    text.append(' ').append(new String(header.value(), StandardCharsets.UTF_8));
                }
                text.append(' ').append(new String(record.value(), StandardCharsets.UTF_8));
                records.add(text.toString());
            }
            return records;
        }
    }
}
