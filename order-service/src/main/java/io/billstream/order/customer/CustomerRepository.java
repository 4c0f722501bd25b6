package io.billstream.order.customer;

import io.billstream.events.Actor;
import io.billstream.events.Address;
import io.billstream.events.EventJson;
import io.billstream.events.customer.CustomerDetails;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every query is scoped by merchant: another merchant's customer is simply not found. */
@Repository
class CustomerRepository {

    private static final String COLUMNS =
            "id, name, email, phone, locale, billing_address::text AS billing_address, reference, created_at, updated_at";

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID merchantId, UUID id, CustomerDetails details, Instant now) {
        jdbc.sql("""
                        INSERT INTO customer (id, merchant_id, name, email, phone, locale, billing_address, reference,
                                              created_at, updated_at, updated_by)
                        VALUES (:id, :merchantId, :name, :email, :phone, :locale, CAST(:address AS jsonb), :reference,
                                :now, :now, 'MERCHANT')""")
                .param("id", id)
                .param("merchantId", merchantId)
                .params(detailParameters(details))
                .param("now", Timestamp.from(now))
                .update();
    }

    void update(UUID merchantId, UUID id, CustomerDetails details, Actor by, Instant now) {
        jdbc.sql("""
                        UPDATE customer SET name = :name, email = :email, phone = :phone, locale = :locale,
                               billing_address = CAST(:address AS jsonb), reference = :reference,
                               updated_at = :now, updated_by = :by
                        WHERE merchant_id = :merchantId AND id = :id""")
                .param("id", id)
                .param("merchantId", merchantId)
                .params(detailParameters(details))
                .param("now", Timestamp.from(now))
                .param("by", by.name())
                .update();
    }

    Optional<Customer> find(UUID merchantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE merchant_id = :merchantId AND id = :id")
                .param("merchantId", merchantId)
                .param("id", id)
                .query(CustomerRepository::customer)
                .optional();
    }

    boolean referenceTaken(UUID merchantId, String reference, UUID except) {
        return reference != null
                && jdbc.sql("""
                                SELECT count(*) FROM customer
                                WHERE merchant_id = :merchantId AND reference = :reference AND id <> :except""")
                                .param("merchantId", merchantId)
                                .param("reference", reference)
                                .param("except", except)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    /** Newest first; each filter is optional: email (exact, any case), name (part of it, any case), reference. */
    List<Customer> search(UUID merchantId, CustomerSearch search, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE " + where(search)
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .params(searchParameters(merchantId, search))
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(CustomerRepository::customer)
                .list();
    }

    long count(UUID merchantId, CustomerSearch search) {
        return jdbc.sql("SELECT count(*) FROM customer WHERE " + where(search))
                .params(searchParameters(merchantId, search))
                .query(Long.class)
                .single();
    }

    private static String where(CustomerSearch search) {
        StringBuilder where = new StringBuilder("merchant_id = :merchantId");
        if (search.email() != null) {
            where.append(" AND lower(email) = lower(:email)");
        }
        if (search.name() != null) {
            where.append(" AND name ILIKE :name");
        }
        if (search.reference() != null) {
            where.append(" AND reference = :reference");
        }
        return where.toString();
    }

    private static Map<String, Object> searchParameters(UUID merchantId, CustomerSearch search) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("merchantId", merchantId);
        parameters.put("email", search.email());
        parameters.put("name", search.name() == null ? null : "%" + escapeLike(search.name()) + "%");
        parameters.put("reference", search.reference());
        return parameters;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Map<String, Object> detailParameters(CustomerDetails details) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("name", details.name());
        parameters.put("email", details.email());
        parameters.put("phone", details.phone());
        parameters.put("locale", details.locale());
        parameters.put(
                "address",
                details.billingAddress() == null
                        ? null
                        : new String(EventJson.write(details.billingAddress()), StandardCharsets.UTF_8));
        parameters.put("reference", details.reference());
        return parameters;
    }

    private static Customer customer(ResultSet row, int number) throws SQLException {
        String address = row.getString("billing_address");
        return new Customer(
                row.getObject("id", UUID.class),
                new CustomerDetails(
                        row.getString("name"),
                        row.getString("email"),
                        row.getString("phone"),
                        row.getString("locale"),
                        address == null
                                ? null
                                : EventJson.read(address.getBytes(StandardCharsets.UTF_8), Address.class),
                        row.getString("reference")),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
