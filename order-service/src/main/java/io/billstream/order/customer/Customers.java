package io.billstream.order.customer;

import io.billstream.events.Actor;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.events.customer.CustomerDetailsChanged;
import io.billstream.platform.outbox.EventPublisher;
import io.billstream.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A merchant's customers; every creation and change is published with who made it. */
@Service
public class Customers {

    private final CustomerRepository customers;
    private final EventPublisher events;
    private final Clock clock;

    Customers(CustomerRepository customers, EventPublisher events, Clock clock) {
        this.customers = customers;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Customer create(UUID merchantId, CustomerDetails details) {
        UUID id = UUID.randomUUID();
        if (customers.referenceTaken(merchantId, details.reference(), id)) {
            throw new CustomerReferenceTaken(details.reference());
        }
        Instant now = clock.instant();
        try {
            customers.insert(merchantId, id, details, now);
        } catch (DuplicateKeyException raced) {
            throw new CustomerReferenceTaken(details.reference());
        }
        events.publish(merchantId, new CustomerCreated(id, details, now));
        return new Customer(id, details, now, now);
    }

    @Transactional(readOnly = true)
    public Customer get(UUID merchantId, UUID id) {
        return customers.find(merchantId, id).orElseThrow(() -> new CustomerNotFound(id));
    }

    @Transactional(readOnly = true)
    public boolean exists(UUID merchantId, UUID id) {
        return customers.find(merchantId, id).isPresent();
    }

    /**
     * Replaces the details as a whole; unchanged details publish nothing. The reference is the merchant's: a change by
     * the customer keeps it as it is.
     */
    @Transactional
    public Customer change(UUID merchantId, UUID id, CustomerDetails requested, Actor by) {
        Customer current = get(merchantId, id);
        CustomerDetails details = by == Actor.CUSTOMER
                ? new CustomerDetails(
                        requested.name(),
                        requested.email(),
                        requested.phone(),
                        requested.locale(),
                        requested.billingAddress(),
                        current.details().reference())
                : requested;
        if (details.equals(current.details())) {
            return current;
        }
        if (customers.referenceTaken(merchantId, details.reference(), id)) {
            throw new CustomerReferenceTaken(details.reference());
        }
        Instant now = clock.instant();
        try {
            customers.update(merchantId, id, details, by, now);
        } catch (DuplicateKeyException raced) {
            throw new CustomerReferenceTaken(details.reference());
        }
        events.publish(merchantId, new CustomerDetailsChanged(id, details, by, now));
        return new Customer(id, details, current.createdAt(), now);
    }

    @Transactional(readOnly = true)
    public Page<Customer> search(UUID merchantId, CustomerSearch search, int page, int size) {
        return new Page<>(
                customers.search(merchantId, search, page, size), page, size, customers.count(merchantId, search));
    }
}
