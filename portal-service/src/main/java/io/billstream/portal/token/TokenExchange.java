package io.billstream.portal.token;

import io.billstream.platform.security.Caller;
import io.billstream.portal.apikey.ApiKeys;
import io.billstream.portal.token.TokenIssuer.IssuedToken;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Exchanges a credential for an internal token: a merchant's API key (presented at the gateway) for a merchant token,
 * the platform operator's credential for a {@code platform-operator} service token, and a platform service's own
 * credential for a token of that service, with which it asks the other services what it needs before it acts (ADR 13).
 * Credentials other than API keys come from the deployment's configuration. Unknown, revoked and malformed credentials
 * all get nothing, alike.
 */
@Service
@EnableConfigurationProperties(TokenExchange.Credentials.class)
public class TokenExchange {

    public static final String OPERATOR = Caller.OPERATOR;

    /**
     * @param operatorCredential the platform operator's; empty: none
     * @param serviceCredentials each platform service's, by service name; an empty one is not accepted
     */
    @ConfigurationProperties("billstream.portal")
    record Credentials(String operatorCredential, Map<String, String> serviceCredentials) {}

    private final ApiKeys apiKeys;
    private final TokenIssuer issuer;
    /** Caller (service name) by the digest of its credential. */
    private final Map<byte[], String> configured = new LinkedHashMap<>();

    TokenExchange(ApiKeys apiKeys, TokenIssuer issuer, Credentials credentials) {
        this.apiKeys = apiKeys;
        this.issuer = issuer;
        if (credentials.operatorCredential() != null
                && !credentials.operatorCredential().isBlank()) {
            configured.put(Secrets.sha256(credentials.operatorCredential()), OPERATOR);
        }
        if (credentials.serviceCredentials() != null) {
            credentials.serviceCredentials().forEach((service, credential) -> {
                if (credential != null && !credential.isBlank()) {
                    configured.put(Secrets.sha256(credential), service);
                }
            });
        }
    }

    public Optional<IssuedToken> exchange(String credential) {
        if (credential == null || credential.isBlank() || credential.length() > 200) {
            return Optional.empty();
        }
        byte[] presented = Secrets.sha256(credential);
        // Every configured digest compared, each in constant time: how long it takes tells nothing of which was right.
        String service = null;
        for (Map.Entry<byte[], String> known : configured.entrySet()) {
            if (MessageDigest.isEqual(known.getKey(), presented)) {
                service = known.getValue();
            }
        }
        if (service != null) {
            return Optional.of(issuer.service(service));
        }
        return apiKeys.owner(credential).map(owner -> issuer.merchant(owner.merchantId()));
    }
}
