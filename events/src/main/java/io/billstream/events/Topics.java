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

    /**
     * The one service that publishes each topic (its events' {@code ce_source}), which owns the aggregates the topic is
     * keyed by: the service a follower asks how far a subject's events have gone.
     */
    public static final java.util.Map<String, String> OWNERS = java.util.Map.of(
            ORDERS, "order-service",
            CUSTOMERS, "order-service",
            MERCHANTS, "order-service",
            BILLING, "billing-service",
            PAYMENT_METHODS, "billing-service",
            DOCUMENTS, "document-service",
            PORTAL, "portal-service",
            NOTIFICATIONS, "notification-service");

    /** The service that publishes {@code topic}; refuses a topic of no one. */
    public static String ownerOf(String topic) {
        String owner = OWNERS.get(topic);
        if (owner == null) {
            throw new IllegalArgumentException("no service publishes " + topic);
        }
        return owner;
    }

    private Topics() {}
}
