package io.billstream.events;

/**
 * Topic names. Every event of one key stays in order on its topic, so the key is part of the contract and is named
 * beside each topic.
 */
public final class Topics {

    /** Order lifecycle, keyed by order id. */
    public static final String ORDERS = "billstream.orders";

    /** Customer details, keyed by customer id. */
    public static final String CUSTOMERS = "billstream.customers";

    /** Merchant settings and branding, keyed by merchant id. */
    public static final String MERCHANTS = "billstream.merchants";

    /** Billing events and payments, keyed by order id. */
    public static final String BILLING = "billstream.billing";

    /** Cards, keyed by customer id. */
    public static final String PAYMENT_METHODS = "billstream.payment-methods";

    /** Invoices, receipts and credit notes, keyed by order id. */
    public static final String DOCUMENTS = "billstream.documents";

    /** Customer portal actions, keyed by customer id. */
    public static final String PORTAL = "billstream.portal";

    /** Notification delivery outcomes, keyed by customer id. */
    public static final String NOTIFICATIONS = "billstream.notifications";

    public static final java.util.List<String> ALL =
            java.util.List.of(ORDERS, CUSTOMERS, MERCHANTS, BILLING, PAYMENT_METHODS, DOCUMENTS, PORTAL, NOTIFICATIONS);

    private Topics() {}
}
