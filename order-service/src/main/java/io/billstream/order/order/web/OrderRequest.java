package io.billstream.order.order.web;

import io.billstream.events.order.BillingInterval;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PurchaseType;
import io.billstream.order.order.NewOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * An order as the API takes it. Prices are minor units of {@code currency}; the total is derived from the lines. The
 * plan fields apply by purchase type: {@code interval} and {@code instalmentCount} for INSTALMENT, {@code interval}
 * and an optional {@code cycleLimit} for SUBSCRIPTION, none for SINGLE and METERED.
 */
record OrderRequest(
        @NotNull UUID customerId,

        @NotBlank @Size(max = 100) @Schema(example = "ORD-2026-0042")
        String reference,

        @NotNull PurchaseType purchaseType,

        @NotBlank @Schema(example = "EUR", description = "ISO 4217")
        String currency,

        @NotNull @Size(max = 100) List<@NotNull @Valid LineRequest> lines,
        BillingInterval interval,

        @Schema(example = "3", description = "INSTALMENT only")
        Integer instalmentCount,

        @Schema(example = "12", description = "SUBSCRIPTION only; absent for an open-ended one")
        Integer cycleLimit,

        @NotNull FirstAction firstAction,
        @NotNull PaymentChannel channel) {

    record LineRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Espresso machine Barista Pro")
            String description,

            @Schema(example = "1") long quantity,

            @Schema(example = "29997", description = "minor units of the order's currency")
            long unitPrice) {}

    NewOrder toNewOrder() {
        return new NewOrder(
                customerId,
                reference,
                purchaseType,
                currency,
                lines.stream()
                        .map(line -> new NewOrder.Line(line.description(), line.quantity(), line.unitPrice()))
                        .toList(),
                interval,
                instalmentCount,
                cycleLimit,
                firstAction,
                channel);
    }
}
