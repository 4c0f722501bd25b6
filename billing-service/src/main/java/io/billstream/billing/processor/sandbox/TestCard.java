package io.billstream.billing.processor.sandbox;

import io.billstream.billing.processor.ProcessorOutcome.Result;
import java.util.Arrays;
import java.util.Optional;

/**
 * The sandbox's documented test cards and what the issuer answers for each; any other valid number is approved. The
 * codes are ISO 8583 response codes, as acquirers return them.
 */
enum TestCard {
    APPROVED_VISA("4242424242424242", Result.APPROVED, "00"),
    APPROVED_MASTERCARD("5555555555554444", Result.APPROVED, "00"),
    INSUFFICIENT_FUNDS("4000000000009953", Result.SOFT_DECLINED, "51"),
    ISSUER_UNAVAILABLE("4000000000000911", Result.SOFT_DECLINED, "91"),
    DO_NOT_HONOUR("4000000000000051", Result.SOFT_DECLINED, "05"),
    STOLEN("4000000000000432", Result.HARD_DECLINED, "43"),
    INVALID_NUMBER("4000000000000143", Result.HARD_DECLINED, "14"),
    EXPIRED("4000000000000549", Result.HARD_DECLINED, "54"),
    RESTRICTED("4000000000000622", Result.HARD_DECLINED, "62"),
    /** Charges, then answers too late: the caller sees a timeout, the processor has an approved charge. */
    CHARGES_THEN_TIMES_OUT("4000000000007775", Result.APPROVED, "00");

    private final String number;
    private final Result result;
    private final String code;

    TestCard(String number, Result result, String code) {
        this.number = number;
        this.result = result;
        this.code = code;
    }

    Result result() {
        return result;
    }

    String code() {
        return code;
    }

    String number() {
        return number;
    }

    static Optional<TestCard> of(String number) {
        return Arrays.stream(values())
                .filter(card -> card.number.equals(number))
                .findFirst();
    }
}
