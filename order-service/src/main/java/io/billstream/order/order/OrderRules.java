package io.billstream.order.order;

import io.billstream.events.Money;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderLine;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The rules of each purchase type. The total is derived, never sent: the sum of the lines, which for a subscription is
 * the amount of one cycle (times the number of cycles of a fixed term).
 */
final class OrderRules {

    record Priced(List<OrderLine> lines, Money total, PaymentPlan plan) {}

    private static final int MAX_INSTALMENTS = 120;
    private static final int MAX_CYCLES = 1_000;

    private OrderRules() {}

    static Priced priced(NewOrder order) {
        List<FieldError> errors = new ArrayList<>();
        Currency currency = currency(order.currency(), errors);
        if (order.purchaseType() == null) {
            errors.add(new FieldError("purchaseType", "must be SINGLE, INSTALMENT, SUBSCRIPTION or METERED"));
        }
        if (order.lines().isEmpty() && order.purchaseType() != PurchaseType.METERED) {
            errors.add(new FieldError("lines", "must hold at least one line"));
        }
        List<OrderLine> lines = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < order.lines().size(); i++) {
            NewOrder.Line line = order.lines().get(i);
            if (line.quantity() < 1) {
                errors.add(new FieldError("lines[" + i + "].quantity", "must be at least 1"));
            }
            if (line.unitPrice() < 0) {
                errors.add(new FieldError("lines[" + i + "].unitPrice", "must not be negative"));
            }
            if (currency != null && line.quantity() >= 1 && line.unitPrice() >= 0) {
                try {
                    long amount = Math.multiplyExact(line.quantity(), line.unitPrice());
                    sum = Math.addExact(sum, amount);
                    lines.add(new OrderLine(
                            line.description(),
                            line.quantity(),
                            new Money(line.unitPrice(), currency),
                            new Money(amount, currency)));
                } catch (ArithmeticException e) {
                    errors.add(new FieldError("lines[" + i + "]", "amount is too large"));
                }
            }
        }
        PaymentPlan plan = plan(order, currency, sum, errors);
        firstAction(order, errors);
        long total = total(order, sum, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return new Priced(List.copyOf(lines), new Money(total, currency), plan);
    }

    private static long total(NewOrder order, long sum, List<FieldError> errors) {
        long cycles = order.purchaseType() == PurchaseType.SUBSCRIPTION
                        && order.cycleLimit() != null
                        && order.cycleLimit() >= 1
                        && order.cycleLimit() <= MAX_CYCLES
                ? order.cycleLimit()
                : 1;
        if (sum > Money.LARGEST / cycles) {
            errors.add(new FieldError("lines", "the total must not exceed " + Money.LARGEST + " minor units"));
            return 0;
        }
        return sum * cycles;
    }

    private static PaymentPlan plan(NewOrder order, Currency currency, long sum, List<FieldError> errors) {
        if (order.purchaseType() == null) {
            return null;
        }
        switch (order.purchaseType()) {
            case SINGLE, METERED -> {
                refuse(order.interval() != null, "interval", order.purchaseType(), errors);
                refuse(order.instalmentCount() != null, "instalmentCount", order.purchaseType(), errors);
                refuse(order.cycleLimit() != null, "cycleLimit", order.purchaseType(), errors);
                return new PaymentPlan(null, null, null, null);
            }
            case INSTALMENT -> {
                if (order.interval() == null) {
                    errors.add(new FieldError("interval", "is required for instalments"));
                }
                if (order.instalmentCount() == null
                        || order.instalmentCount() < 2
                        || order.instalmentCount() > MAX_INSTALMENTS) {
                    errors.add(new FieldError("instalmentCount", "must be 2 to " + MAX_INSTALMENTS));
                } else if (sum < order.instalmentCount()) {
                    errors.add(new FieldError("lines", "the total must be at least one minor unit per instalment"));
                }
                refuse(order.cycleLimit() != null, "cycleLimit", order.purchaseType(), errors);
                return new PaymentPlan(order.interval(), order.instalmentCount(), null, null);
            }
            case SUBSCRIPTION -> {
                if (order.interval() == null) {
                    errors.add(new FieldError("interval", "is required for subscriptions"));
                }
                if (order.cycleLimit() != null && (order.cycleLimit() < 1 || order.cycleLimit() > MAX_CYCLES)) {
                    errors.add(new FieldError("cycleLimit", "must be 1 to " + MAX_CYCLES + " when given"));
                }
                if (sum == 0) {
                    errors.add(new FieldError("lines", "a subscription cycle must cost something"));
                }
                refuse(order.instalmentCount() != null, "instalmentCount", order.purchaseType(), errors);
                return new PaymentPlan(
                        order.interval(), null, currency == null ? null : new Money(sum, currency), order.cycleLimit());
            }
            default -> throw new IllegalStateException("unknown purchase type " + order.purchaseType());
        }
    }

    private static void firstAction(NewOrder order, List<FieldError> errors) {
        if (order.firstAction() == FirstAction.PRE_AUTHORISATION && order.purchaseType() != PurchaseType.SINGLE) {
            errors.add(new FieldError("firstAction", "a pre-authorisation is for SINGLE orders"));
        }
        if (order.firstAction() == FirstAction.CARD_REGISTRATION && order.purchaseType() == PurchaseType.SINGLE) {
            errors.add(new FieldError("firstAction", "a SINGLE order takes a payment or a pre-authorisation"));
        }
    }

    private static void refuse(boolean given, String field, PurchaseType type, List<FieldError> errors) {
        if (given) {
            errors.add(new FieldError(field, "does not apply to " + type + " orders"));
        }
    }

    private static Currency currency(String code, List<FieldError> errors) {
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                errors.add(new FieldError("currency", "has no minor unit"));
                return null;
            }
            return currency;
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new FieldError("currency", "must be an ISO 4217 code such as EUR"));
            return null;
        }
    }
}
