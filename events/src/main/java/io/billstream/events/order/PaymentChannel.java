package io.billstream.events.order;

/** How the first step happens: the customer pays through a link, or the merchant keys it in on the phone. */
public enum PaymentChannel {
    PAYMENT_LINK,
    VIRTUAL_TERMINAL
}
