package io.billstream.document.issuing;

import io.billstream.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** No such document or order for this caller: also another merchant's or another customer's. */
public class DocumentNotFound extends ProblemException {

    public DocumentNotFound(String what, UUID id) {
        super(HttpStatus.NOT_FOUND, "Not found", "There is no " + what + " " + id + ".");
    }
}
