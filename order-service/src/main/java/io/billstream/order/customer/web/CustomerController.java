package io.billstream.order.customer.web;

import io.billstream.events.Actor;
import io.billstream.order.customer.Customer;
import io.billstream.order.customer.CustomerSearch;
import io.billstream.order.customer.Customers;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/v1/customers")
class CustomerController {

    private final Customers customers;

    CustomerController(Customers customers) {
        this.customers = customers;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(
            operationId = "createCustomer",
            summary = "Create a customer",
            description = "Publishes CustomerCreated. Accepts Idempotency-Key.")
    ResponseEntity<Customer> create(@Valid @RequestBody CustomerRequest request, Caller caller) {
        Customer customer = customers.create(caller.requireMerchant(), request.details());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customer.id()))
                .body(customer);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getCustomer",
            summary = "A customer of the calling merchant, or the calling customer itself")
    Customer get(@PathVariable UUID id, Caller caller) {
        return customers.get(merchantOf(caller, id), id);
    }

    @PutMapping("/{id}")
    @Operation(
            operationId = "replaceCustomer",
            summary = "Replace a customer's details",
            description = "By the merchant, or by the customer itself through the portal; publishes"
                    + " CustomerDetailsChanged with who made the change.")
    Customer change(@PathVariable UUID id, @Valid @RequestBody CustomerRequest request, Caller caller) {
        Actor by = caller.kind() == Caller.Kind.CUSTOMER ? Actor.CUSTOMER : Actor.MERCHANT;
        return customers.change(merchantOf(caller, id), id, request.details(), by);
    }

    @GetMapping
    @Operation(
            operationId = "listCustomers",
            summary = "The calling merchant's customers, newest first, filtered and paged")
    Page<Customer> list(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String reference,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        return customers.search(caller.requireMerchant(), new CustomerSearch(email, name, reference), page, size);
    }

    /**
     * A merchant acts on its own customers; a customer only on itself. Another id answers 404 either way, so that no
     * caller learns which ids exist.
     */
    private static UUID merchantOf(Caller caller, UUID customerId) {
        if (caller.kind() == Caller.Kind.CUSTOMER) {
            if (!customerId.equals(caller.customerId())) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no customer " + customerId + ".");
            }
            return caller.merchantId();
        }
        return caller.requireMerchant();
    }
}
