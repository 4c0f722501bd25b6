package io.billstream.billing;

import io.billstream.platform.test.ApiClient;
import java.time.YearMonth;

/** Cards entered in the sandbox processor's hosted card fields, as a checkout would. */
public final class SandboxCards {

    private SandboxCards() {}

    /** The token of {@code number}, valid until December two years from now. */
    public static String token(ApiClient api, String number) {
        return token(api, number, YearMonth.of(YearMonth.now().getYear() + 2, 12));
    }

    public static String token(ApiClient api, String number, YearMonth expiry) {
        return ApiClient.json(api.post(
                        "/sandbox/v1/tokens",
                        null,
                        "{\"number\": \"%s\", \"expiryMonth\": %d, \"expiryYear\": %d, \"cvc\": \"123\"}"
                                .formatted(number, expiry.getMonthValue(), expiry.getYear())))
                .path("token")
                .asString();
    }
}
