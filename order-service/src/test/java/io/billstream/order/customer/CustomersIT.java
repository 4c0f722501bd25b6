package io.billstream.order.customer;

import static io.billstream.platform.test.ApiClient.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.Actor;
import io.billstream.events.EventJson;
import io.billstream.events.EventSamples;
import io.billstream.events.Topics;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetailsChanged;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.order.merchant.Merchants;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A merchant manages its customers; a customer changes only its own details; nobody sees another tenant's. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CustomersIT {

    private static final String ANNA = """
            {"name": "Anna Schmidt", "email": "anna.schmidt@example.com", "phone": "+4915123456789", "locale": "de",
             "billingAddress": {"line1": "Lindenallee 5", "postalCode": "10115", "city": "Berlin", "country": "DE"},
             "reference": "%s"}""";

    @LocalServerPort
    int port;

    private ApiClient api;

    @Autowired
    Merchants merchants;

    private String merchant;
    private UUID merchantId;

    @BeforeEach
    void aMerchant() {
        api = new ApiClient(port);
        merchantId = merchants
                .create(EventSamples.read(MerchantSettingsChanged.class).settings())
                .id();
        merchant = TestTokens.merchant(merchantId);
    }

    @Test
    void aCreatedCustomerCanBeReadAndIsPublished() {
        HttpResponse<String> created = api.send("POST", "/api/v1/customers", merchant, ANNA.formatted("CUST-1"));
        assertThat(created.statusCode()).isEqualTo(201);
        UUID id = UUID.fromString(json(created).path("id").asString());

        JsonNode read = json(api.send("GET", "/api/v1/customers/" + id, merchant, null));
        assertThat(read.path("details").path("email").asString()).isEqualTo("anna.schmidt@example.com");
        assertThat(read.path("details").path("billingAddress").path("city").asString())
                .isEqualTo("Berlin");

        ConsumerRecord<String, byte[]> event =
                TopicReader.recordsOf(Topics.CUSTOMERS, id, 1).getFirst();
        assertThat(new String(event.headers().lastHeader("ce_type").value(), UTF_8))
                .isEqualTo("io.billstream.customer.CustomerCreated.v1");
        assertThat(EventJson.read(event.value(), CustomerCreated.class)
                        .details()
                        .reference())
                .isEqualTo("CUST-1");
    }

    @Test
    void changesRecordWhetherTheMerchantOrTheCustomerMadeThem() {
        UUID id = create("CUST-2");
        api.send(
                "PUT",
                "/api/v1/customers/" + id,
                merchant,
                ANNA.formatted("CUST-2").replace("\"de\"", "\"fr\""));
        HttpResponse<String> byCustomer = api.send(
                "PUT",
                "/api/v1/customers/" + id,
                TestTokens.customer(merchantId, id),
                ANNA.formatted("CUST-2").replace("+4915123456789", "+4915198765432"));
        assertThat(byCustomer.statusCode()).isEqualTo(200);

        List<ConsumerRecord<String, byte[]>> events = TopicReader.recordsOf(Topics.CUSTOMERS, id, 3);
        assertThat(events.subList(1, 3))
                .extracting(record -> EventJson.read(record.value(), CustomerDetailsChanged.class)
                        .changedBy())
                .containsExactly(Actor.MERCHANT, Actor.CUSTOMER);
    }

    @Test
    void aCustomerCannotChangeTheMerchantsReference() {
        UUID id = create("CUST-11");
        HttpResponse<String> response = api.send(
                "PUT", "/api/v1/customers/" + id, TestTokens.customer(merchantId, id), ANNA.formatted("CUST-OTHER"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(api.send("GET", "/api/v1/customers/" + id, merchant, null))
                        .path("details")
                        .path("reference")
                        .asString())
                .isEqualTo("CUST-11");
    }

    @Test
    void aCustomerSeesAndChangesOnlyItself() {
        UUID anna = create("CUST-3");
        UUID other = create("CUST-4");
        String annasToken = TestTokens.customer(merchantId, anna);

        assertThat(api.send("GET", "/api/v1/customers/" + anna, annasToken, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.send("GET", "/api/v1/customers/" + other, annasToken, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.send("PUT", "/api/v1/customers/" + other, annasToken, ANNA.formatted("CUST-4"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/customers", annasToken, null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void anotherMerchantsCustomerIs404() {
        UUID id = create("CUST-5");
        String stranger = TestTokens.merchant(UUID.randomUUID());
        assertThat(api.send("GET", "/api/v1/customers/" + id, stranger, null).statusCode())
                .isEqualTo(404);
        assertThat(api.send("PUT", "/api/v1/customers/" + id, stranger, ANNA.formatted("CUST-5"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(json(api.send("GET", "/api/v1/customers?reference=CUST-5", stranger, null))
                        .path("total")
                        .asLong())
                .isZero();
    }

    @Test
    void listsAndSearchesByEmailNameAndReferenceNewestFirst() {
        UUID first = create("CUST-6");
        UUID second = create("CUST-7");
        api.send(
                "POST",
                "/api/v1/customers",
                merchant,
                ANNA.formatted("CUST-8").replace("Anna Schmidt", "Bert Jansen").replace("anna.schmidt", "bert"));

        JsonNode byEmail = json(api.send("GET", "/api/v1/customers?email=ANNA.SCHMIDT@example.com", merchant, null));
        assertThat(byEmail.path("total").asLong()).isEqualTo(2);
        assertThat(byEmail.path("items")
                        .valueStream()
                        .map(item -> item.path("id").asString()))
                .containsExactly(second.toString(), first.toString());
        assertThat(json(api.send("GET", "/api/v1/customers?name=jans", merchant, null))
                        .path("total")
                        .asLong())
                .isOne();
        assertThat(json(api.send("GET", "/api/v1/customers?reference=CUST-6", merchant, null))
                        .path("items")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(first.toString());
        JsonNode paged = json(api.send("GET", "/api/v1/customers?size=2&page=1", merchant, null));
        assertThat(paged.path("total").asLong()).isEqualTo(3);
        assertThat(paged.path("items").size()).isOne();
        assertThat(api.send("GET", "/api/v1/customers?size=1000", merchant, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void invalidDetailsNameEveryFieldAtFault() {
        String invalid = ANNA.formatted("CUST-9")
                .replace("anna.schmidt@example.com", "not-an-email")
                .replace("+4915123456789", "0151 234")
                .replace("\"de\"", "\"nl\"")
                .replace("\"DE\"", "\"Germany\"");

        HttpResponse<String> response = api.send("POST", "/api/v1/customers", merchant, invalid);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)
                        .path("errors")
                        .valueStream()
                        .map(error -> error.path("field").asString()))
                .containsExactlyInAnyOrder("email", "phone", "locale", "billingAddress.country");
        assertThat(json(api.send("GET", "/api/v1/customers?reference=CUST-9", merchant, null))
                        .path("total")
                        .asLong())
                .isZero();
    }

    @Test
    void aReferenceNamesOneCustomerOfAMerchant() {
        create("CUST-10");
        HttpResponse<String> again = api.send("POST", "/api/v1/customers", merchant, ANNA.formatted("CUST-10"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("reference").asString()).isEqualTo("CUST-10");
    }

    private UUID create(String reference) {
        return UUID.fromString(json(api.send("POST", "/api/v1/customers", merchant, ANNA.formatted(reference)))
                .path("id")
                .asString());
    }
}
