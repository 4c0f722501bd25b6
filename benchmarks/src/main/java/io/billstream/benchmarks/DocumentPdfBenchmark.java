package io.billstream.benchmarks;

import io.billstream.document.pdf.DocumentContent;
import io.billstream.document.pdf.DocumentKind;
import io.billstream.document.pdf.DocumentPdf;
import io.billstream.document.pdf.Labels;
import io.billstream.events.Address;
import io.billstream.events.Money;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.merchant.CompanyDetails;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QUALITY.md's invoice PDF bar: a warm one-page invoice of eight lines drawn by document-service's {@link DocumentPdf}
 * (labels, figures and dates in German, tax, card), p50 and p99 per invoice on one thread and invoices per second on
 * one and on every core, beside the same page drawn with OpenPDF calls alone from strings prepared beforehand.
 */
final class DocumentPdfBenchmark {

    private static final Logger log = LoggerFactory.getLogger(DocumentPdfBenchmark.class);

    private DocumentPdfBenchmark() {}

    static void run(String[] args) throws Exception {
        int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        DocumentContent content = invoice();
        DocumentPdf ours = new DocumentPdf();
        List<String[]> prepared = prepared(content);
        Supplier<byte[]> billstream = () -> ours.render(content, Optional.empty());
        Supplier<byte[]> raw = () -> raw(prepared);

        log.info("Invoice sizes billstreamBytes='{}' rawBytes='{}'", billstream.get().length, raw.get().length);
        for (int round = 0; round < 3; round++) {
            // Warm-up: the JIT compiles both paths before anything is measured.
            measure(billstream, invoices / 2);
            measure(raw, invoices / 2);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        report("billstream", measure(billstream, invoices), throughput(billstream, invoices, cores), cores);
        report("raw openpdf", measure(raw, invoices), throughput(raw, invoices, cores), cores);
    }

    private static void report(String name, long[] nanos, double[] perSecond, int cores) {
        Arrays.sort(nanos);
        log.info(
                "Invoice PDF drawer='{}' p50Ms='{}' p99Ms='{}' perSecondOneThread='{}' perSecondAllCores='{}'"
                        + " cores='{}'",
                name,
                "%.2f".formatted(nanos[nanos.length / 2] / 1e6),
                "%.2f".formatted(nanos[(int) (nanos.length * 0.99)] / 1e6),
                Math.round(perSecond[0]),
                Math.round(perSecond[1]),
                cores);
    }

    /** The time of each of {@code count} invoices drawn one after the other. */
    private static long[] measure(Supplier<byte[]> draw, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            draw.get();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    /** Invoices per second drawn on one thread, and on one thread per core. */
    private static double[] throughput(Supplier<byte[]> draw, int count, int cores) throws Exception {
        long start = System.nanoTime();
        measure(draw, count);
        double one = count / ((System.nanoTime() - start) / 1e9);
        try (ExecutorService threads = Executors.newFixedThreadPool(cores)) {
            List<Future<long[]>> running = new ArrayList<>();
            start = System.nanoTime();
            for (int i = 0; i < cores; i++) {
                running.add(threads.submit(() -> measure(draw, count)));
            }
            for (Future<long[]> thread : running) {
                thread.get();
            }
        }
        double all = (double) count * cores / ((System.nanoTime() - start) / 1e9);
        return new double[] {one, all};
    }

    private static DocumentContent invoice() {
        Labels labels = Labels.of("de", ZoneId.of("Europe/Berlin"));
        List<DocumentContent.Line> lines = new ArrayList<>();
        long total = 0;
        for (int i = 1; i <= 8; i++) {
            Money unit = Money.of(1250L * i, "EUR");
            Money amount = Money.of(1250L * i * 2, "EUR");
            lines.add(new DocumentContent.Line("Kaffeebohnen Sorte " + i + ", 1 kg", 2, unit, amount));
            total += amount.amount();
        }
        Money gross = Money.of(total, "EUR");
        return new DocumentContent(
                DocumentKind.INVOICE,
                "INV-2026-000042",
                Instant.parse("2026-12-02T10:15:00Z"),
                labels.language(),
                "Europe/Berlin",
                new CompanyDetails(
                        "Kaffeerösterei Berg GmbH",
                        new Address("Hafenstraße 12", null, "20457", "Hamburg", null, "DE"),
                        "DE123456789",
                        "billing@roesterei-berg.example",
                        null),
                "#8B4513",
                "Anna Schmidt",
                new Address("Lindenallee 5", null, "10115", "Berlin", null, "DE"),
                "anna.schmidt@example.com",
                "ORD-2026-0042",
                lines,
                gross,
                DocumentContent.Tax.containedIn(gross, "USt.", 700),
                new PaymentCard("VISA", "4242"),
                null,
                null,
                UUID.randomUUID());
    }

    /** Every string of the page, formatted once: what the raw drawing is given. */
    private static List<String[]> prepared(DocumentContent content) {
        Labels labels = Labels.of(content.language(), ZoneId.of(content.timeZone()));
        List<String[]> rows = new ArrayList<>();
        for (DocumentContent.Line line : content.lines()) {
            rows.add(new String[] {
                line.description(),
                Long.toString(line.quantity()),
                labels.money(line.unitPrice()),
                labels.money(line.amount())
            });
        }
        rows.add(new String[] {
            labels.money(content.tax().net()),
            labels.money(content.tax().amount()),
            labels.money(content.total()),
            labels.date(content.issuedAt())
        });
        return rows;
    }

    /** The same page, header, facts, lines and totals, drawn with OpenPDF alone. */
    private static byte[] raw(List<String[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        Document document = new Document(PageSize.A4, 48, 48, 40, 48);
        Color accent = new Color(0x8B, 0x45, 0x13);
        Font body = new Font(Font.HELVETICA, 9.5f, Font.NORMAL, Color.DARK_GRAY);
        Font heading = new Font(Font.HELVETICA, 9, Font.BOLD, Color.WHITE);
        try {
            PdfWriter.getInstance(document, out);
            document.open();
            PdfPTable header = new PdfPTable(new float[] {50, 50});
            header.setWidthPercentage(100);
            header.addCell(plain("", body));
            header.addCell(plain(
                    "Kaffeerösterei Berg GmbH\nHafenstraße 12\n20457 Hamburg\nDE\nDE123456789\n"
                            + "billing@roesterei-berg.example",
                    body));
            document.add(header);
            document.add(new Paragraph("Rechnung", new Font(Font.HELVETICA, 20, Font.BOLD, accent)));
            String[] figures = rows.getLast();
            PdfPTable facts = new PdfPTable(new float[] {50, 25, 25});
            facts.setWidthPercentage(100);
            facts.addCell(plain("Rechnung an\nAnna Schmidt\nLindenallee 5\n10115 Berlin\nDE", body));
            facts.addCell(plain("Nummer\nDatum\nBestellung\nBezahlt mit", body));
            facts.addCell(plain("INV-2026-000042\n" + figures[3] + "\nORD-2026-0042\nVISA •••• 4242", body));
            document.add(facts);
            PdfPTable lines = new PdfPTable(new float[] {52, 10, 19, 19});
            lines.setWidthPercentage(100);
            for (String title : List.of("Beschreibung", "Menge", "Einzelpreis", "Betrag")) {
                PdfPCell cell = plain(title, heading);
                cell.setBackgroundColor(accent);
                lines.addCell(cell);
            }
            for (String[] row : rows.subList(0, rows.size() - 1)) {
                for (String value : row) {
                    lines.addCell(plain(value, body));
                }
            }
            document.add(lines);
            PdfPTable totals = new PdfPTable(new float[] {62, 38});
            totals.setWidthPercentage(100);
            totals.addCell(plain("Nettobetrag", body));
            totals.addCell(plain(figures[0], body));
            totals.addCell(plain("USt. 7 %", body));
            totals.addCell(plain(figures[1], body));
            totals.addCell(plain("Gesamtbetrag", body));
            totals.addCell(plain(figures[2], body));
            document.add(totals);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }

    private static PdfPCell plain(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setHorizontalAlignment(Element.ALIGN_LEFT);
        return cell;
    }
}
