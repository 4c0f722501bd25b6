package io.billstream.platform.security;

/**
 * This service's own internal token, for the calls it makes for the platform rather than for a caller, such as asking
 * an owner how far a subject's events have gone. Every service exchanges its credential for one
 * ({@link ExchangedServiceTokens}); portal-service, which issues tokens, signs its own.
 */
@FunctionalInterface
public interface ServiceTokens {

    /** A token valid for at least a little while longer; {@link NoServiceToken} when none can be had. */
    String token();

    /** No token could be had: the call that needed it cannot be made. */
    final class NoServiceToken extends RuntimeException {
        public NoServiceToken(String reason) {
            super(reason);
        }
    }
}
