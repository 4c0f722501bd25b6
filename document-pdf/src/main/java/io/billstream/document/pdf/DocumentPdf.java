package io.billstream.document.pdf;

import io.billstream.events.Address;
import io.billstream.events.merchant.CompanyDetails;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openpdf.text.BadElementException;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Draws documents as A4 PDFs with OpenPDF (ADR 10): the merchant's logo, accent colour and company details at the top,
 * the customer's address, the lines and totals, all in the customer's language. The standard Helvetica fonts are
 * used, not embedded: they print every letter of English, German, French and Spanish and keep a page small and quick.
 * Holds no state: one instance serves every thread.
 */
public class DocumentPdf {

    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x66, 0x66, 0x66);
    private static final Color RULE = new Color(0xDD, 0xDD, 0xDD);
    private static final Font BODY = new Font(Font.HELVETICA, 9.5f, Font.NORMAL, TEXT);
    private static final Font BODY_BOLD = new Font(Font.HELVETICA, 9.5f, Font.BOLD, TEXT);
    private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL, MUTED);

    /** An invoice, receipt or credit note. */
    public byte[] render(DocumentContent content, Optional<byte[]> logo) {
        Labels labels = Labels.of(content.language(), ZoneId.of(content.timeZone()));
        Color accent = colour(content.accentColour());
        return draw(content.number(), content.company(), (document) -> {
            header(document, content.company(), logo, accent);
            title(document, labels.text(content.kind().name()), accent);

            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {labels.text("number"), content.number()});
            facts.add(new String[] {labels.text("date"), labels.date(content.issuedAt())});
            if (content.orderReference() != null) {
                facts.add(new String[] {labels.text("order"), content.orderReference()});
            }
            if (content.refersTo() != null) {
                facts.add(new String[] {labels.text("refersTo"), content.refersTo()});
            }
            if (content.card() != null) {
                facts.add(new String[] {
                    labels.text("paidWith"),
                    content.card().brand() + " •••• " + content.card().last4()
                });
            }
            addressAndFacts(
                    document,
                    labels,
                    content.customerName(),
                    content.customerAddress(),
                    content.customerEmail(),
                    facts);

            document.add(lines(labels, accent, content.lines()));

            PdfPTable totals = new PdfPTable(new float[] {62, 38});
            totals.setWidthPercentage(100);
            totals.setSpacingBefore(6);
            if (content.tax() != null) {
                total(totals, labels.text("net"), labels.money(content.tax().net()), BODY);
                total(
                        totals,
                        labels.text(
                                "taxOf",
                                content.tax().name(),
                                labels.percent(content.tax().basisPoints())),
                        labels.money(content.tax().amount()),
                        BODY);
            }
            String totalLabel = switch (content.kind()) {
                case INVOICE -> labels.text("total");
                case RECEIPT -> labels.text("totalReceived");
                case CREDIT_NOTE -> labels.text("totalCredited");
            };
            total(totals, totalLabel, labels.money(content.total()), new Font(Font.HELVETICA, 11, Font.BOLD, accent));
            document.add(totals);

            if (content.reason() != null) {
                Paragraph reason = new Paragraph(labels.text("reason") + ": " + content.reason(), BODY);
                reason.setSpacingBefore(12);
                document.add(reason);
            }
            Paragraph thanks = new Paragraph(labels.text("thanks"), SMALL);
            thanks.setSpacingBefore(24);
            document.add(thanks);
            if (content.transactionId() != null) {
                document.add(new Paragraph(labels.text("transaction") + " " + content.transactionId(), SMALL));
            }
        });
    }

    /** The order summary: its details, schedule, payments and refunds, and figures, as they are now. */
    public byte[] render(OrderSummary summary, Optional<byte[]> logo) {
        Labels labels = Labels.of(summary.language(), ZoneId.of(summary.timeZone()));
        Color accent = colour(summary.accentColour());
        return draw(summary.reference(), summary.company(), (document) -> {
            header(document, summary.company(), logo, accent);
            title(document, labels.text("ORDER_SUMMARY"), accent);
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {labels.text("order"), summary.reference()});
            facts.add(new String[] {labels.text("purchaseType"), labels.text("purchase." + summary.purchaseType())});
            facts.add(new String[] {labels.text("created"), labels.date(summary.createdAt())});
            addressAndFacts(
                    document,
                    labels,
                    summary.customerName(),
                    summary.customerAddress(),
                    summary.customerEmail(),
                    facts);

            document.add(lines(labels, accent, summary.lines()));

            if (!summary.schedule().isEmpty()) {
                document.add(heading(labels.text("schedule"), accent));
                PdfPTable schedule = table(
                        new float[] {10, 40, 25, 25},
                        accent,
                        "#",
                        labels.text("date"),
                        labels.text("amount"),
                        labels.text("status"));
                for (OrderSummary.Scheduled event : summary.schedule()) {
                    schedule.addCell(
                            cell(event.number() == null ? "" : event.number().toString(), BODY, Element.ALIGN_LEFT));
                    schedule.addCell(cell(labels.date(event.scheduledAt()), BODY, Element.ALIGN_LEFT));
                    schedule.addCell(cell(labels.money(event.amount()), BODY, Element.ALIGN_RIGHT));
                    schedule.addCell(cell(labels.text("status." + event.status()), BODY, Element.ALIGN_LEFT));
                }
                document.add(schedule);
            }
            if (!summary.payments().isEmpty()) {
                document.add(heading(labels.text("payments"), accent));
                PdfPTable payments = table(
                        new float[] {40, 30, 30},
                        accent,
                        labels.text("date"),
                        labels.text("amount"),
                        labels.text("status"));
                for (OrderSummary.Payment payment : summary.payments()) {
                    payments.addCell(cell(labels.date(payment.at()), BODY, Element.ALIGN_LEFT));
                    payments.addCell(cell(labels.money(payment.amount()), BODY, Element.ALIGN_RIGHT));
                    payments.addCell(cell(labels.text("status." + payment.outcome()), BODY, Element.ALIGN_LEFT));
                }
                document.add(payments);
            }
            PdfPTable figures = new PdfPTable(new float[] {62, 38});
            figures.setWidthPercentage(100);
            figures.setSpacingBefore(8);
            total(figures, labels.text("total"), labels.money(summary.total()), BODY_BOLD);
            total(figures, labels.text("paid"), labels.money(summary.paid()), BODY);
            total(figures, labels.text("refunded"), labels.money(summary.refunded()), BODY);
            total(
                    figures,
                    labels.text("outstanding"),
                    labels.money(summary.outstanding()),
                    new Font(Font.HELVETICA, 11, Font.BOLD, accent));
            document.add(figures);
        });
    }

    private interface Body {
        void draw(Document document) throws DocumentException, IOException;
    }

    private static byte[] draw(String title, CompanyDetails company, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        Document document = new Document(PageSize.A4, 48, 48, 40, 48);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle(title);
            document.addAuthor(company.legalName());
            document.addCreator("Billstream");
            document.open();
            body.draw(document);
        } catch (DocumentException e) {
            throw new IllegalStateException("document " + title + " could not be drawn", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }

    /** The logo left, the merchant's name and address right. */
    private static void header(Document document, CompanyDetails company, Optional<byte[]> logo, Color accent)
            throws DocumentException, IOException {
        PdfPTable header = new PdfPTable(new float[] {50, 50});
        header.setWidthPercentage(100);
        PdfPCell logoCell = new PdfPCell();
        logoCell.setBorder(Rectangle.NO_BORDER);
        if (logo.isPresent()) {
            try {
                Image image = Image.getInstance(logo.get());
                image.scaleToFit(160, 48);
                logoCell = new PdfPCell(image, false);
                logoCell.setBorder(Rectangle.NO_BORDER);
            } catch (BadElementException | IOException unreadable) {
                // A logo the PDF library cannot read leaves the space empty rather than stopping the document.
            }
        }
        header.addCell(logoCell);
        Paragraph merchant = new Paragraph(company.legalName(), new Font(Font.HELVETICA, 11, Font.BOLD, accent));
        for (String line : addressLines(company.address())) {
            merchant.add(new Phrase("\n" + line, SMALL));
        }
        if (company.vatId() != null) {
            merchant.add(new Phrase("\n" + company.vatId(), SMALL));
        }
        if (company.email() != null) {
            merchant.add(new Phrase("\n" + company.email(), SMALL));
        }
        PdfPCell merchantCell = new PdfPCell(merchant);
        merchantCell.setBorder(Rectangle.NO_BORDER);
        merchantCell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        header.addCell(merchantCell);
        document.add(header);
    }

    private static void title(Document document, String title, Color accent) throws DocumentException {
        Paragraph paragraph = new Paragraph(title, new Font(Font.HELVETICA, 20, Font.BOLD, accent));
        paragraph.setSpacingBefore(18);
        paragraph.setSpacingAfter(10);
        document.add(paragraph);
    }

    private static Paragraph heading(String text, Color accent) {
        Paragraph heading = new Paragraph(text, new Font(Font.HELVETICA, 11, Font.BOLD, accent));
        heading.setSpacingBefore(14);
        heading.setSpacingAfter(4);
        return heading;
    }

    /** The customer's address left, the document's facts (number, date, ...) right. */
    private static void addressAndFacts(
            Document document, Labels labels, String name, Address address, String email, List<String[]> facts)
            throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {50, 50});
        table.setWidthPercentage(100);
        table.setSpacingAfter(14);
        Paragraph customer = new Paragraph(labels.text("billTo"), SMALL);
        customer.add(new Phrase("\n" + name, BODY_BOLD));
        if (address != null) {
            for (String line : addressLines(address)) {
                customer.add(new Phrase("\n" + line, BODY));
            }
        }
        if (email != null) {
            customer.add(new Phrase("\n" + email, BODY));
        }
        PdfPCell customerCell = new PdfPCell(customer);
        customerCell.setBorder(Rectangle.NO_BORDER);
        table.addCell(customerCell);
        PdfPTable factTable = new PdfPTable(new float[] {45, 55});
        for (String[] fact : facts) {
            factTable.addCell(cell(fact[0], SMALL, Element.ALIGN_LEFT, false));
            factTable.addCell(cell(fact[1], BODY, Element.ALIGN_RIGHT, false));
        }
        PdfPCell factCell = new PdfPCell(factTable);
        factCell.setBorder(Rectangle.NO_BORDER);
        table.addCell(factCell);
        document.add(table);
    }

    /** The lines billed: description, quantity, unit price, amount. */
    private static PdfPTable lines(Labels labels, Color accent, List<DocumentContent.Line> lines) {
        PdfPTable table = table(
                new float[] {52, 10, 19, 19},
                accent,
                labels.text("description"),
                labels.text("quantity"),
                labels.text("unitPrice"),
                labels.text("amount"));
        for (DocumentContent.Line line : lines) {
            table.addCell(cell(line.description(), BODY, Element.ALIGN_LEFT));
            table.addCell(cell(Long.toString(line.quantity()), BODY, Element.ALIGN_RIGHT));
            table.addCell(cell(labels.money(line.unitPrice()), BODY, Element.ALIGN_RIGHT));
            table.addCell(cell(labels.money(line.amount()), BODY, Element.ALIGN_RIGHT));
        }
        return table;
    }

    private static PdfPTable table(float[] widths, Color accent, String... headings) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        Font headingFont = new Font(Font.HELVETICA, 9, Font.BOLD, Color.WHITE);
        for (int i = 0; i < headings.length; i++) {
            PdfPCell heading = cell(headings[i], headingFont, i == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT, false);
            heading.setBackgroundColor(accent);
            heading.setPadding(5);
            table.addCell(heading);
        }
        return table;
    }

    private static void total(PdfPTable totals, String label, String amount, Font font) {
        totals.addCell(cell(label, font, Element.ALIGN_RIGHT, false));
        totals.addCell(cell(amount, font, Element.ALIGN_RIGHT, false));
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        return cell(text, font, alignment, true);
    }

    private static PdfPCell cell(String text, Font font, int alignment, boolean ruled) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        cell.setBorder(ruled ? Rectangle.BOTTOM : Rectangle.NO_BORDER);
        cell.setBorderColorBottom(RULE);
        cell.setPaddingTop(4);
        cell.setPaddingBottom(5);
        return cell;
    }

    private static List<String> addressLines(Address address) {
        List<String> lines = new ArrayList<>();
        lines.add(address.line1());
        if (address.line2() != null) {
            lines.add(address.line2());
        }
        lines.add(address.postalCode() + " " + address.city());
        if (address.region() != null) {
            lines.add(address.region());
        }
        lines.add(address.country());
        return lines;
    }

    private static Color colour(String hex) {
        return hex == null ? new Color(0x1A, 0x73, 0xE8) : Color.decode(hex);
    }
}
