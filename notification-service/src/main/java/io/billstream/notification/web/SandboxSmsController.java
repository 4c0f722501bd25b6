package io.billstream.notification.web;

import io.billstream.notification.sms.SandboxSms;
import io.billstream.notification.sms.SandboxSms.SentSms;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the sandbox SMS provider kept of the merchant's SMS: there only while the sandbox is the provider. */
@RestController
@ConditionalOnBean(SandboxSms.class)
class SandboxSmsController {

    private final SandboxSms sandbox;

    SandboxSmsController(SandboxSms sandbox) {
        this.sandbox = sandbox;
    }

    @GetMapping("/sandbox/v1/sms")
    @Operation(
            operationId = "listSandboxSms",
            summary = "The SMS the sandbox provider would have sent to the merchant's customers, newest first",
            description = "To one number (E.164) when given; at most 200.")
    List<SentSms> sent(@RequestParam(required = false) String to, Caller caller) {
        return sandbox.sent(caller.requireMerchant(), to);
    }
}
