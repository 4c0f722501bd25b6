package io.billstream.platform.idempotency;

import io.billstream.platform.idempotency.IdempotencyKeys.StoredKey;
import io.billstream.platform.idempotency.IdempotencyKeys.StoredResponse;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.Callers;
import io.billstream.platform.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for POST requests. The first request with a key runs and its response is stored; a retry
 * with the same key and the same request gets that response again ({@code Idempotent-Replayed: true}) without running
 * anything; the same key with a different request is refused with 422, and a retry while the first still runs with
 * 409. Keys are scoped to the merchant (or customer, or service) the request acts for and kept at least 24 hours.
 * Every answer is stored, server errors too, as payment APIs do: part of the work may have happened. The one
 * exception is 503: a service answers it only when a dependency is down and nothing was done, so the key is given up
 * and a retry with it runs. Requests without a verified caller are not handled here; they were refused before.
 */
class IdempotencyKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyFilter.class);

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyKeys keys;
    private final ProblemResponses problems;

    IdempotencyKeyFilter(IdempotencyKeys keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || request.getHeader(HEADER) == null
                || Callers.current().isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            problems.write(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "Invalid Idempotency-Key",
                    "An Idempotency-Key is 1 to 255 visible ASCII characters.");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String scope = scope();
        String fingerprint = fingerprint(request, body);

        Optional<UUID> claim = keys.claim(scope, key, fingerprint);
        if (claim.isEmpty()) {
            answerFromStoredKey(request, response, scope, key, fingerprint);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new RereadableRequest(request, body), recorded);
            if (request.isAsyncStarted()) {
                throw new IllegalStateException("Idempotency-Key does not support asynchronous handlers");
            }
            if (isFinal(recorded.getStatus())) {
                store(scope, key, claim.get(), recorded);
            } else {
                keys.release(scope, key, claim.get());
            }
        } finally {
            // The caller gets the response even when storing it failed; a retry then waits for the lease.
            recorded.copyBodyToResponse();
        }
    }

    /**
     * Whether an answer is the request's final one, kept for replay: what the endpoint decided (2xx, 3xx, and 4xx such
     * as a validation error or a rule refused). A server error or a 429 is not: the service could not decide, and a
     * retry with the same key runs again. Services answer a dependency not up to date yet with 503 (ADR 13), never with
     * a 404 or 409 that a later retry would contradict, and every endpoint that moves money guards itself against
     * running twice by its own keys, so running again never charges twice.
     */
    static boolean isFinal(int status) {
        return status < 500 && status != HttpStatus.TOO_MANY_REQUESTS.value();
    }

    /** Stores the final answer. A request that dies before answering keeps its claim until the lease runs out. */
    private void store(String scope, String key, UUID claim, ContentCachingResponseWrapper recorded) {
        try {
            keys.complete(
                    scope,
                    key,
                    claim,
                    new StoredResponse(
                            recorded.getStatus(),
                            recorded.getContentType(),
                            recorded.getHeader(HttpHeaders.LOCATION),
                            recorded.getContentAsByteArray()));
        } catch (RuntimeException e) {
            log.error("Could not store the response of idempotencyKey='{}' scope='{}'", key, scope, e);
        }
    }

    private void answerFromStoredKey(
            HttpServletRequest request, HttpServletResponse response, String scope, String key, String fingerprint)
            throws IOException {
        StoredKey stored = keys.find(scope, key).orElse(null);
        if (stored == null) {
            // Expired and deleted between our claim and this read: the client may simply retry.
            problems.write(
                    request,
                    response,
                    HttpStatus.CONFLICT,
                    "Idempotency-Key in use",
                    "A request with this Idempotency-Key has just expired; retry it.");
        } else if (!stored.fingerprint().equals(fingerprint)) {
            problems.write(
                    request,
                    response,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
        } else if (stored.state() == IdempotencyKeys.State.IN_PROGRESS) {
            problems.write(
                    request,
                    response,
                    HttpStatus.CONFLICT,
                    "Idempotency-Key in use",
                    "A request with this Idempotency-Key is still being processed; retry later.");
        } else {
            StoredResponse first = stored.response();
            response.setStatus(first.status());
            if (first.contentType() != null) {
                response.setContentType(first.contentType());
            }
            if (first.location() != null) {
                response.setHeader(HttpHeaders.LOCATION, first.location());
            }
            response.setHeader(REPLAYED_HEADER, "true");
            response.getOutputStream().write(first.body());
        }
    }

    private static String scope() {
        Caller caller = Callers.current().orElseThrow();
        return switch (caller.kind()) {
            case MERCHANT -> "merchant:" + caller.merchantId();
            case CUSTOMER -> "customer:" + caller.customerId();
            case SERVICE -> "service:" + caller.subject();
        };
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?"
                            + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The request with its body already read, so the fingerprint and the controller see the same bytes. */
    private static final class RereadableRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        RereadableRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
