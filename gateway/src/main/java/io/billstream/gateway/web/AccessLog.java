package io.billstream.gateway.web;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.SignalType;

/**
 * One line per request on the {@code io.billstream.gateway.access} logger: method, path, status, duration, client
 * address and request id, as ECS fields of the structured log. Around the whole web handler rather than a web filter,
 * so that the status is the one sent, also when the gateway's own error handler wrote it. The query string is left
 * out: it can carry a customer's email or phone number.
 */
@Component
final class AccessLog implements HttpHandlerDecoratorFactory {

    private static final Logger log = LoggerFactory.getLogger("io.billstream.gateway.access");

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> {
            long started = System.nanoTime();
            return handler.handle(request, response)
                    .doFinally(signal -> write(request, response, signal, System.nanoTime() - started));
        };
    }

    private static void write(ServerHttpRequest request, ServerHttpResponse response, SignalType signal, long nanos) {
        if (!log.isInfoEnabled()) {
            return;
        }
        HttpStatusCode status = response.getStatusCode();
        // A client that went away before its answer never got a status; 499 as in nginx's logs.
        int code = signal == SignalType.CANCEL || status == null ? 499 : status.value();
        InetSocketAddress remote = request.getRemoteAddress();
        String client = remote != null && remote.getAddress() != null
                ? remote.getAddress().getHostAddress()
                : "";
        String path = request.getPath().value();
        log.atInfo()
                .addKeyValue("http.request.method", request.getMethod().name())
                .addKeyValue("url.path", path)
                .addKeyValue("http.response.status_code", code)
                .addKeyValue("event.duration", nanos)
                .addKeyValue("client.ip", client)
                .addKeyValue("http.request.id", response.getHeaders().getFirst(RequestIdWebFilter.HEADER))
                .log("{} {} {} {} ms", request.getMethod().name(), path, code, nanos / 1_000_000);
    }
}
