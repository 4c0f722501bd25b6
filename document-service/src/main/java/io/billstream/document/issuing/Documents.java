package io.billstream.document.issuing;

import io.billstream.document.pdf.DocumentContent;
import io.billstream.document.pdf.DocumentKind;
import io.billstream.events.EventJson;
import io.billstream.events.Money;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The issued documents. Each is inserted once and never changed (the database refuses updates and deletes); reads are
 * scoped by merchant, and by customer for a customer, so that another's document is not found.
 */
@Repository
public class Documents {

    private static final String SELECT = """
            SELECT id, kind, number, order_id, customer_id, amount, currency, issued_at, locale, source_id, refers_to
            FROM document
            """;

    private final JdbcClient jdbc;

    Documents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A document about to be issued, its number taken. */
    record NewDocument(
            UUID id,
            UUID merchantId,
            UUID orderId,
            UUID customerId,
            long sequence,
            UUID sourceId,
            UUID refersTo,
            DocumentContent content,
            byte[] pdf) {}

    /**
     * The next number of the merchant's series of {@code kind}, under the series' row lock until the caller's
     * transaction ends: a rolled-back issue gives its number back, so the series has no gaps.
     */
    long nextNumber(UUID merchantId, DocumentKind kind) {
        return jdbc.sql("""
                        INSERT INTO document_series (merchant_id, kind, last_number) VALUES (:merchantId, :kind, 1)
                        ON CONFLICT (merchant_id, kind) DO UPDATE SET last_number = document_series.last_number + 1
                        RETURNING last_number""")
                .param("merchantId", merchantId)
                .param("kind", kind.name())
                .query(Long.class)
                .single();
    }

    void insert(NewDocument document) {
        DocumentContent content = document.content();
        jdbc.sql("""
                        INSERT INTO document (id, merchant_id, order_id, customer_id, kind, sequence, number, source_id,
                                              refers_to, amount, currency, locale, issued_at, content, pdf)
                        VALUES (:id, :merchantId, :orderId, :customerId, :kind, :sequence, :number, :sourceId,
                                :refersTo, :amount, :currency, :locale, :issuedAt, CAST(:content AS jsonb), :pdf)""")
                .param("id", document.id())
                .param("merchantId", document.merchantId())
                .param("orderId", document.orderId())
                .param("customerId", document.customerId())
                .param("kind", content.kind().name())
                .param("sequence", document.sequence())
                .param("number", content.number())
                .param("sourceId", document.sourceId())
                .param("refersTo", document.refersTo())
                .param("amount", content.total().amount())
                .param("currency", content.total().currency().getCurrencyCode())
                .param("locale", content.language())
                .param("issuedAt", Timestamp.from(content.issuedAt()))
                .param("content", new String(EventJson.write(content), StandardCharsets.UTF_8))
                .param("pdf", document.pdf())
                .update();
    }

    /** The document of {@code kind} issued for {@code sourceId}, the payment, refund or credit. */
    Optional<Document> bySource(DocumentKind kind, UUID sourceId) {
        return jdbc.sql(SELECT + "WHERE kind = :kind AND source_id = :sourceId")
                .param("kind", kind.name())
                .param("sourceId", sourceId)
                .query(Documents::document)
                .optional();
    }

    /** The order's most recent invoice. */
    Optional<Document> latestInvoice(UUID orderId) {
        return jdbc.sql(SELECT + "WHERE order_id = :orderId AND kind = 'INVOICE' ORDER BY issued_at DESC, sequence DESC"
                        + " LIMIT 1")
                .param("orderId", orderId)
                .query(Documents::document)
                .optional();
    }

    /** The document, if the merchant's, and the customer's when {@code customerId} is given. */
    public Optional<Document> find(UUID merchantId, UUID customerId, UUID id) {
        return jdbc.sql(SELECT + "WHERE merchant_id = :merchantId AND id = :id"
                        + " AND (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)")
                .param("merchantId", merchantId)
                .param("customerId", customerId)
                .param("id", id)
                .query(Documents::document)
                .optional();
    }

    /** The document's PDF, scoped as {@link #find}. */
    public Optional<byte[]> pdf(UUID merchantId, UUID customerId, UUID id) {
        return jdbc.sql("SELECT pdf FROM document WHERE merchant_id = :merchantId AND id = :id"
                        + " AND (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)")
                .param("merchantId", merchantId)
                .param("customerId", customerId)
                .param("id", id)
                .query((row, number) -> row.getBytes("pdf"))
                .optional();
    }

    /** The order's documents, oldest first. */
    public List<Document> ofOrder(UUID merchantId, UUID orderId) {
        return jdbc.sql(SELECT
                        + "WHERE merchant_id = :merchantId AND order_id = :orderId ORDER BY issued_at, kind, sequence")
                .param("merchantId", merchantId)
                .param("orderId", orderId)
                .query(Documents::document)
                .list();
    }

    /** The customer's documents, newest first. */
    public List<Document> ofCustomer(UUID merchantId, UUID customerId) {
        return jdbc.sql(SELECT
                        + "WHERE merchant_id = :merchantId AND customer_id = :customerId"
                        + " ORDER BY issued_at DESC, kind, sequence DESC")
                .param("merchantId", merchantId)
                .param("customerId", customerId)
                .query(Documents::document)
                .list();
    }

    private static Document document(ResultSet row, int number) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        return new Document(
                id,
                DocumentKind.valueOf(row.getString("kind")),
                row.getString("number"),
                row.getObject("order_id", UUID.class),
                row.getObject("customer_id", UUID.class),
                Money.of(row.getLong("amount"), row.getString("currency")),
                row.getTimestamp("issued_at").toInstant(),
                row.getString("locale"),
                row.getObject("source_id", UUID.class),
                row.getObject("refers_to", UUID.class),
                "/api/v1/documents/" + id + "/pdf");
    }
}
