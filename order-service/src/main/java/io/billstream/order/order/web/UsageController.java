package io.billstream.order.order.web;

import io.billstream.order.order.NewUsage;
import io.billstream.order.order.UsageRecord;
import io.billstream.order.order.UsageRecords;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orders/{id}/usage")
class UsageController {

    private final UsageRecords usage;

    UsageController(UsageRecords usage) {
        this.usage = usage;
    }

    /** Usage as the API takes it; the unit price in minor units of the order's currency. */
    record UsageRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Espresso shots, office machine")
            String description,

            @NotNull @Schema(example = "2026-11-20") LocalDate date,
            @Schema(example = "240") long quantity,

            @NotBlank @Size(max = 30) @Schema(example = "shot")
            String unit,

            @Schema(example = "35") long unitPrice) {}

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(
            operationId = "recordUsage",
            summary = "Report usage against a METERED order",
            description = "The next billing event that bills usage invoices it. Publishes UsageRecorded. Accepts"
                    + " Idempotency-Key. Refused with 409 for other purchase types and for final orders.")
    ResponseEntity<UsageRecord> record(@PathVariable UUID id, @Valid @RequestBody UsageRequest request, Caller caller) {
        UsageRecord record = usage.record(
                caller.requireMerchant(),
                id,
                new NewUsage(
                        request.description(),
                        request.date(),
                        request.quantity(),
                        request.unit(),
                        request.unitPrice()));
        return ResponseEntity.status(HttpStatus.CREATED).body(record);
    }

    @GetMapping
    @Operation(
            operationId = "listUsage",
            summary = "The order's usage records, newest day first, all or only (not) invoiced, paged")
    Page<UsageRecord> list(
            @PathVariable UUID id,
            @RequestParam(required = false) Boolean invoiced,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        return usage.of(caller.requireMerchant(), id, invoiced, page, size);
    }
}
