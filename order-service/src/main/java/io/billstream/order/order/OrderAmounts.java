package io.billstream.order.order;

/** An order's total and figures in minor units of its currency, while a billing event changes them. */
record OrderAmounts(long total, long paid, long refunded, long credited, long skipped) {

    static OrderAmounts of(Order order) {
        OrderFigures figures = order.figures();
        return new OrderAmounts(
                order.total().amount(),
                figures.paid().amount(),
                figures.refunded().amount(),
                figures.credited().amount(),
                figures.skipped().amount());
    }

    OrderAmounts withTotal(long value) {
        return new OrderAmounts(value, paid, refunded, credited, skipped);
    }

    OrderAmounts withPaid(long value) {
        return new OrderAmounts(total, value, refunded, credited, skipped);
    }

    OrderAmounts withRefunded(long value) {
        return new OrderAmounts(total, paid, value, credited, skipped);
    }

    OrderAmounts withCredited(long value) {
        return new OrderAmounts(total, paid, refunded, value, skipped);
    }

    OrderAmounts withSkipped(long value) {
        return new OrderAmounts(total, paid, refunded, credited, value);
    }
}
