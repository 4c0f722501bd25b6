package io.billstream.platform.security;

import io.billstream.platform.web.ProblemException;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * Who a request acts for, read from its verified internal token. A merchant acts in its own tenant; a customer in
 * its merchant's tenant and only on its own records; a service acts for the platform. Services scope every query by
 * {@link #merchantId()} (and {@link #customerId()} for customers), so another tenant's id answers 404.
 *
 * @param subject the token's {@code sub}
 */
public record Caller(Kind kind, String subject, UUID merchantId, UUID customerId) {

    public enum Kind {
        MERCHANT,
        CUSTOMER,
        SERVICE
    }

    public Caller {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        if (kind != Kind.SERVICE && merchantId == null) {
            throw new IllegalArgumentException(kind + " callers act for a merchant");
        }
        if (kind == Kind.CUSTOMER && customerId == null) {
            throw new IllegalArgumentException("customer callers carry their customer id");
        }
    }

    /** The merchant this caller acts for; refuses a caller that is not a merchant with 403. */
    public UUID requireMerchant() {
        if (kind != Kind.MERCHANT) {
            throw new CallerNotAllowed("This operation is for merchants.");
        }
        return merchantId;
    }

    /** The customer this caller is; refuses a caller that is not a customer with 403. */
    public UUID requireCustomer() {
        if (kind != Kind.CUSTOMER) {
            throw new CallerNotAllowed("This operation is for customers.");
        }
        return customerId;
    }

    /** Refuses with 403 a caller that is not the named platform service, such as {@code platform-operator}. */
    public void requireService(String name) {
        if (kind != Kind.SERVICE || !subject.equals(name)) {
            throw new CallerNotAllowed("This operation is for " + name + ".");
        }
    }

    /**
     * Refuses with 403 a caller that is not one of the platform's services: merchants, customers and the platform
     * operator, whose credential a person holds, do not reach what services keep for each other.
     */
    public void requirePlatformService() {
        if (kind != Kind.SERVICE || subject.equals(OPERATOR)) {
            throw new CallerNotAllowed("This operation is for the platform's services.");
        }
    }

    /** The subject of the platform operator's service token. */
    public static final String OPERATOR = "platform-operator";

    static final class CallerNotAllowed extends ProblemException {
        CallerNotAllowed(String detail) {
            super(HttpStatus.FORBIDDEN, "Forbidden", detail);
        }
    }
}
