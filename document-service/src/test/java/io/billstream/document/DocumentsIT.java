package io.billstream.document;

import static io.billstream.platform.test.ApiClient.json;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.billstream.events.EventJson;
import io.billstream.events.EventSamples;
import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.RefundIssued;
import io.billstream.events.billing.TransactionType;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.events.document.CreditNoteIssued;
import io.billstream.events.document.InvoiceIssued;
import io.billstream.events.document.ReceiptIssued;
import io.billstream.events.merchant.Branding;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.merchant.TaxRate;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderLine;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * document-service on real PostgreSQL and Kafka, fed as order-service and billing-service would feed it: the PDFs are
 * read back with PDFBox and must show the number, the lines, the amounts and the labels in the customer's language.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.documents.logos.allow-local=true")
@RealInfrastructure
class DocumentsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static HttpServer logoHost;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    EventWriter orderService;
    EventWriter billingService;
    UUID merchantId;
    String merchant;

    @BeforeAll
    static void aLogoOnTheWeb() throws IOException {
        BufferedImage image = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        logoHost = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        logoHost.createContext("/logo.png", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.size());
            exchange.getResponseBody().write(png.toByteArray());
            exchange.close();
        });
        logoHost.start();
    }

    @AfterAll
    static void stopLogoHost() {
        logoHost.stop(0);
    }

    @BeforeEach
    void aMerchantWithTaxAndALogo() {
        api = new ApiClient(port);
        orderService = new EventWriter("order-service");
        billingService = new EventWriter("billing-service");
        merchantId = UUID.randomUUID();
        merchant = TestTokens.merchant(merchantId);
        MerchantSettings sample =
                EventSamples.read(MerchantSettingsChanged.class).settings();
        MerchantSettings settings = new MerchantSettings(
                sample.company(),
                new Branding("http://localhost:" + logoHost.getAddress().getPort() + "/logo.png", "#8B4513"),
                "en",
                "Europe/Berlin",
                sample.retryPolicy(),
                sample.notifications(),
                sample.portal(),
                "KR",
                new TaxRate("VAT", 1900));
        orderService.publish(merchantId, new MerchantSettingsChanged(merchantId, settings, Instant.now()));
    }

    @AfterEach
    void closeWriters() {
        orderService.close();
        billingService.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en | Invoice | Receipt | Net amount | VAT 19% | Total | €119.00 | €19.00 | Bill to | Paid with",
                "de | Rechnung | Zahlungsbeleg | Nettobetrag | VAT 19 % | Gesamtbetrag | 119,00 € | 19,00 € | Rechnung an"
                        + " | Bezahlt mit",
                "fr | Facture | Reçu | Montant HT | VAT 19 % | Total TTC | 119,00 € | 19,00 € | Facturé à | Payé avec",
                "es | Factura | Recibo | Base imponible | VAT 19 % | Total | 119,00 € | 19,00 € | Facturar a | Pagado con"
            })
    void anApprovedPaymentIssuesAnInvoiceAndAReceiptInTheCustomersLanguage(
            String language,
            String invoiceTitle,
            String receiptTitle,
            String net,
            String tax,
            String total,
            String gross,
            String taxAmount,
            String billTo,
            String paidWith)
            throws IOException {
        UUID customerId = customer(language);
        UUID orderId = singleOrder(customerId);
        UUID transactionId = UUID.randomUUID();

        billingService.publish(merchantId, approved(orderId, transactionId, 11900));

        JsonNode documents = awaitDocuments(orderId, 2);
        JsonNode invoice =
                documents.get(0).path("kind").asString().equals("INVOICE") ? documents.get(0) : documents.get(1);
        JsonNode receipt = invoice == documents.get(0) ? documents.get(1) : documents.get(0);
        int year = Instant.now().atZone(java.time.ZoneId.of("Europe/Berlin")).getYear();
        assertThat(invoice.path("number").asString()).isEqualTo("KR-" + year + "-000001");
        assertThat(receipt.path("number").asString()).isEqualTo("KR-R-" + year + "-000001");
        assertThat(receipt.path("refersTo").asString())
                .isEqualTo(invoice.path("id").asString());
        assertThat(invoice.path("language").asString()).isEqualTo(language);

        HttpResponse<byte[]> download =
                download("/api/v1/documents/" + invoice.path("id").asString() + "/pdf", merchant);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition -> assertThat(disposition).contains("KR-" + year + "-000001.pdf"));
        String text = text(download.body());
        assertThat(text)
                .contains(invoiceTitle, "KR-" + year + "-000001", net, tax, total, gross, taxAmount, billTo, paidWith)
                .contains("Kaffeerösterei Berg GmbH", "Hafenstraße 12", "DE123456789")
                .contains("Customer " + language, "Lindenallee 5")
                .contains("Espresso beans", "Milk jug", "VISA •••• 4242");
        assertThat(imagesIn(download.body())).as("the merchant's logo").isOne();

        String receiptText =
                text(download("/api/v1/documents/" + receipt.path("id").asString() + "/pdf", merchant)
                        .body());
        assertThat(receiptText).contains(receiptTitle, "KR-R-" + year + "-000001", "KR-" + year + "-000001", gross);

        List<String> published = TopicReader.recordsOf(Topics.DOCUMENTS, orderId, 2).stream()
                .map(record -> new String(record.headers().lastHeader("ce_type").value()))
                .toList();
        assertThat(published)
                .containsExactly(
                        io.billstream.events.EventCatalog.of(InvoiceIssued.class)
                                .typeName(),
                        io.billstream.events.EventCatalog.of(ReceiptIssued.class)
                                .typeName());
    }

    @Test
    void aRefundIssuesACreditNoteReferringToTheRefundedPaymentsInvoice() throws IOException {
        UUID customerId = customer("de");
        UUID orderId = singleOrder(customerId);
        UUID transactionId = UUID.randomUUID();
        billingService.publish(merchantId, approved(orderId, transactionId, 11900));
        awaitDocuments(orderId, 2);
        UUID refundId = UUID.randomUUID();

        billingService.publish(
                merchantId,
                new RefundIssued(
                        orderId, refundId, transactionId, Money.of(2500, "EUR"), "Milchkanne zurück", Instant.now()));

        JsonNode creditNote = awaitDocuments(orderId, 3).get(2);
        assertThat(creditNote.path("kind").asString()).isEqualTo("CREDIT_NOTE");
        String invoiceNumber = awaitDocuments(orderId, 3).get(0).path("number").asString();
        String text = text(download("/api/v1/documents/" + creditNote.path("id").asString() + "/pdf", merchant)
                .body());
        assertThat(text)
                .contains("Gutschrift", "Erstattung zu Rechnung " + invoiceNumber, "25,00 €", "Milchkanne zurück");
        CreditNoteIssued published = EventJson.read(
                TopicReader.recordsOf(Topics.DOCUMENTS, orderId, 3).get(2).value(), CreditNoteIssued.class);
        assertThat(published.refundId()).isEqualTo(refundId);
        assertThat(published.invoiceId())
                .hasToString(awaitDocuments(orderId, 3).get(0).path("id").asString());
    }

    @Test
    void aDeclinedPaymentIssuesNothingAndAnApprovalRedeliveredFiveTimesIssuesOnce() {
        UUID orderId = singleOrder(customer("en"));
        billingService.publish(merchantId, golden(PaymentDeclined.class, "orderId", orderId));
        ProducerRecord<String, byte[]> approval =
                billingService.next(merchantId, approved(orderId, UUID.randomUUID(), 11900));
        for (int i = 0; i < 5; i++) {
            billingService.send(approval);
        }

        awaitDocuments(orderId, 2);
        await().during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(json(api.get("/api/v1/orders/" + orderId + "/documents", merchant))
                                .size())
                        .isEqualTo(2));
        assertThat(jdbc.sql("SELECT last_number FROM document_series WHERE merchant_id = :id AND kind = 'INVOICE'")
                        .param("id", merchantId)
                        .query(Long.class)
                        .single())
                .as("no number taken by a redelivery")
                .isOne();
    }

    @Test
    void anotherCustomersOrAnotherMerchantsDocumentAnswers404() {
        UUID customerId = customer("en");
        UUID orderId = singleOrder(customerId);
        billingService.publish(merchantId, approved(orderId, UUID.randomUUID(), 11900));
        String id = awaitDocuments(orderId, 2).get(0).path("id").asString();
        String path = "/api/v1/documents/" + id + "/pdf";

        assertThat(download(path, TestTokens.customer(merchantId, customerId)).statusCode())
                .isEqualTo(200);
        assertThat(api.get(
                                "/api/v1/customers/" + customerId + "/documents",
                                TestTokens.customer(merchantId, customerId))
                        .statusCode())
                .isEqualTo(200);
        String anotherCustomer = TestTokens.customer(merchantId, UUID.randomUUID());
        String anotherMerchant = TestTokens.merchant(UUID.randomUUID());
        for (String caller : List.of(anotherCustomer, anotherMerchant)) {
            assertThat(download(path, caller).statusCode()).isEqualTo(404);
            HttpResponse<String> metadata = api.get("/api/v1/documents/" + id, caller);
            assertThat(metadata.statusCode()).isEqualTo(404);
            assertThat(metadata.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(download("/api/v1/orders/" + orderId + "/documents/summary.pdf", caller)
                            .statusCode())
                    .isEqualTo(404);
        }
        assertThat(api.get("/api/v1/customers/" + customerId + "/documents", anotherCustomer)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/orders/" + orderId + "/documents", anotherMerchant)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/orders/" + orderId + "/documents", anotherCustomer)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anIssuedDocumentCannotBeChangedOrDeleted() {
        UUID orderId = singleOrder(customer("en"));
        billingService.publish(merchantId, approved(orderId, UUID.randomUUID(), 11900));
        awaitDocuments(orderId, 2);

        assertThatThrownBy(() -> jdbc.sql("UPDATE document SET amount = 1 WHERE order_id = :id")
                        .param("id", orderId)
                        .update())
                .hasMessageContaining("issued documents are immutable");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM document WHERE order_id = :id")
                        .param("id", orderId)
                        .update())
                .hasMessageContaining("issued documents are immutable");
    }

    @Test
    void anOrderSummaryShowsTheScheduleThePaymentsAndTheFigures() throws IOException {
        UUID customerId = customer("es");
        UUID orderId = UUID.randomUUID();
        orderService.publish(
                merchantId,
                golden(
                        OrderCreated.class,
                        "orderId",
                        orderId,
                        "customerId",
                        customerId,
                        "reference",
                        "ORD-" + orderId));
        awaitCopies(orderId, customerId);
        Instant first = Instant.parse("2026-11-21T09:30:00Z");
        List<UUID> events = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            billingService.publish(
                    merchantId,
                    new BillingEventScheduled(
                            orderId,
                            events.get(i),
                            Money.of(9999, "EUR"),
                            first.plus(Duration.ofDays(30L * i)),
                            i + 1,
                            null,
                            first));
        }
        billingService.publish(
                merchantId,
                new PaymentApproved(
                        orderId,
                        events.getFirst(),
                        UUID.randomUUID(),
                        TransactionType.PAYMENT,
                        Money.of(9999, "EUR"),
                        1,
                        first,
                        null,
                        new PaymentCard("MASTERCARD", "4444")));
        JsonNode documents = awaitDocuments(orderId, 2);
        String invoiceText =
                text(download("/api/v1/documents/" + documents.get(0).path("id").asString() + "/pdf", merchant)
                        .body());
        assertThat(invoiceText).contains("Plazo 1 de 3 · Espresso machine Barista Pro", "99,99 €");

        String summary = text(download("/api/v1/orders/" + orderId + "/documents/summary.pdf", merchant)
                .body());
        assertThat(summary)
                .contains("Resumen del pedido", reference(orderId), "Pago a plazos", "Calendario de pagos")
                .contains("Pagado", "Programado", "Aprobado")
                .contains("299,97 €", "99,99 €", "199,98 €");
    }

    private static String reference(UUID orderId) {
        return "ORD-" + orderId.toString().substring(0, 8);
    }

    private UUID customer(String language) {
        UUID customerId = UUID.randomUUID();
        CustomerDetails sample = EventSamples.read(CustomerCreated.class).details();
        orderService.publish(
                merchantId,
                new CustomerCreated(
                        customerId,
                        new CustomerDetails(
                                "Customer " + language, sample.email(), null, language, sample.billingAddress(), null),
                        Instant.now()));
        return customerId;
    }

    /** A single payment of 119.00: 3 × 33.00 of beans and a milk jug of 20.00. */
    private UUID singleOrder(UUID customerId) {
        UUID orderId = UUID.randomUUID();
        orderService.publish(
                merchantId,
                golden(
                        OrderCreated.class,
                        "orderId",
                        orderId,
                        "customerId",
                        customerId,
                        "purchaseType",
                        PurchaseType.SINGLE,
                        "total",
                        Money.of(11900, "EUR"),
                        "lines",
                        List.of(
                                new OrderLine("Espresso beans", 3, Money.of(3300, "EUR"), Money.of(9900, "EUR")),
                                new OrderLine("Milk jug", 1, Money.of(2000, "EUR"), Money.of(2000, "EUR")))));
        awaitCopies(orderId, customerId);
        return orderId;
    }

    /**
     * Waits until the merchant, the customer and the order are copied: the test publishes the payment right after, on
     * another topic, which would otherwise often overtake them and wait for its retries.
     */
    private void awaitCopies(UUID orderId, UUID customerId) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                SELECT (SELECT count(*) FROM merchant_copy WHERE id = :merchantId)
                                     + (SELECT count(*) FROM customer_copy WHERE id = :customerId)
                                     + (SELECT count(*) FROM order_copy WHERE id = :orderId)""")
                                .param("merchantId", merchantId)
                                .param("customerId", customerId)
                                .param("orderId", orderId)
                                .query(Long.class)
                                .single())
                        .isEqualTo(3));
    }

    private static PaymentApproved approved(UUID orderId, UUID transactionId, long amount) {
        return new PaymentApproved(
                orderId,
                null,
                transactionId,
                TransactionType.PAYMENT,
                Money.of(amount, "EUR"),
                1,
                Instant.now(),
                null,
                new PaymentCard("VISA", "4242"));
    }

    private JsonNode awaitDocuments(UUID orderId, int count) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(json(api.get("/api/v1/orders/" + orderId + "/documents", merchant))
                                .size())
                        .isEqualTo(count));
        return json(api.get("/api/v1/orders/" + orderId + "/documents", merchant));
    }

    private HttpResponse<byte[]> download(String path, String token) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The PDF's text as PDFBox extracts it, with spaces as the PDF's standard fonts print them. */
    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replace('\u00A0', ' ');
        }
    }

    private static long imagesIn(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            long images = 0;
            for (var page : document.getPages()) {
                for (var name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                        images++;
                    }
                }
            }
            return images;
        }
    }
}
