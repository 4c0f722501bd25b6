package io.billstream.order.merchant;

import io.billstream.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

class MerchantNotFound extends ProblemException {

    MerchantNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "Merchant not found", "There is no merchant " + id + ".");
    }
}
