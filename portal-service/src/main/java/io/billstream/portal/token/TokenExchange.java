package io.billstream.portal.token;

import io.billstream.portal.apikey.ApiKeys;
import io.billstream.portal.token.TokenIssuer.IssuedToken;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Exchanges a credential presented at the gateway for an internal token: a merchant's API key for a merchant token, the
 * platform operator's credential (from configuration) for a {@code platform-operator} service token. Unknown, revoked
 * and malformed credentials all get nothing, alike.
 */
@Service
public class TokenExchange {

    public static final String OPERATOR = "platform-operator";

    private final ApiKeys apiKeys;
    private final TokenIssuer issuer;
    private final byte[] operatorCredential;

    TokenExchange(
            ApiKeys apiKeys, TokenIssuer issuer, @Value("${billstream.portal.operator-credential:}") String operator) {
        this.apiKeys = apiKeys;
        this.issuer = issuer;
        this.operatorCredential = operator.isBlank() ? null : Secrets.sha256(operator);
    }

    public Optional<IssuedToken> exchange(String credential) {
        if (credential == null || credential.isBlank() || credential.length() > 200) {
            return Optional.empty();
        }
        // Digests compared in constant time: the comparison tells nothing of how much of a guess was right.
        if (operatorCredential != null && MessageDigest.isEqual(operatorCredential, Secrets.sha256(credential))) {
            return Optional.of(issuer.service(OPERATOR));
        }
        return apiKeys.owner(credential).map(owner -> issuer.merchant(owner.merchantId()));
    }
}
