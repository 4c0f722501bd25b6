package io.billstream.document.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.Address;
import io.billstream.events.Money;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.merchant.CompanyDetails;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Documents drawn and read back with PDFBox: the words, figures and dates of each language are on the page. */
class DocumentPdfTest {

    private static final Instant ISSUED = Instant.parse("2026-12-02T10:15:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en | Invoice | December 2, 2026 | €1,234.56 | Instalment 2 of 4 | MwSt. 7% | €80.77",
                "de | Rechnung | 2. Dezember 2026 | 1.234,56 € | Rate 2 von 4 | MwSt. 7 % | 80,77 €",
                "fr | Facture | 2 décembre 2026 | 1 234,56 € | Échéance 2 sur 4 | MwSt. 7 % | 80,77 €",
                "es | Factura | 2 de diciembre de 2026 | 1.234,56 € | Plazo 2 de 4 | MwSt. 7 % | 80,77 €"
            })
    void anInvoiceShowsItsNumberLinesTaxAndTotalInTheCustomersLanguage(
            String language, String title, String date, String total, String line, String tax, String taxAmount)
            throws IOException {
        Labels labels = Labels.of(language, java.time.ZoneId.of("Europe/Berlin"));
        Money gross = Money.of(123456, "EUR");
        DocumentContent invoice = new DocumentContent(
                DocumentKind.INVOICE,
                "INV-2026-000042",
                ISSUED,
                language,
                "Europe/Berlin",
                new CompanyDetails(
                        "Kaffeerösterei Berg GmbH",
                        new Address("Hafenstraße 12", null, "20457", "Hamburg", null, "DE"),
                        "DE123456789",
                        null,
                        null),
                "#8B4513",
                "Anna Schmidt",
                new Address("Lindenallee 5", null, "10115", "Berlin", null, "DE"),
                "anna@example.com",
                "ORD-42",
                List.of(new DocumentContent.Line(labels.text("line.instalment", 2, 4), 1, gross, gross)),
                gross,
                DocumentContent.Tax.containedIn(gross, "MwSt.", 700),
                new PaymentCard("VISA", "4242"),
                null,
                null,
                UUID.randomUUID());

        String text = text(new DocumentPdf().render(invoice, Optional.empty()));

        assertThat(text)
                .contains(title, "INV-2026-000042", date, total, line, tax, taxAmount)
                .contains("Kaffeerösterei Berg GmbH", "Hafenstraße 12", "Anna Schmidt", "VISA •••• 4242", "ORD-42");
    }

    @Test
    void theTaxContainedInAGrossAmountIsRoundedHalfUpAndAddsUp() {
        DocumentContent.Tax tax = DocumentContent.Tax.containedIn(Money.of(11900, "EUR"), "VAT", 1900);
        assertThat(tax.amount()).isEqualTo(Money.of(1900, "EUR"));
        assertThat(tax.net()).isEqualTo(Money.of(10000, "EUR"));
        DocumentContent.Tax odd = DocumentContent.Tax.containedIn(Money.of(999, "EUR"), "VAT", 700);
        // 999 × 7 / 107 = 65.35…, rounded down
        assertThat(odd.amount()).isEqualTo(Money.of(65, "EUR"));
        assertThat(odd.net().plus(odd.amount())).isEqualTo(Money.of(999, "EUR"));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
