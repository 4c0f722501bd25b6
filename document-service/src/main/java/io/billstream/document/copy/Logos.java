package io.billstream.document.copy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fetches a merchant's logo once, when its settings arrive: a PNG or JPEG of at most 512 KB over https, within five
 * seconds, from a public address only. A logo that cannot be had leaves the documents without one rather than
 * stopping them. Plain http and local addresses are for local runs and tests only
 * ({@code billstream.documents.logos.allow-local}).
 */
@Component
class Logos {

    private static final Logger log = LoggerFactory.getLogger(Logos.class);
    private static final int MAX_BYTES = 512 * 1024;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final boolean allowLocal;

    /** @param allowLocal plain http and local addresses too: for local runs and tests, never in production */
    Logos(@Value("${billstream.documents.logos.allow-local:false}") boolean allowLocal) {
        this.allowLocal = allowLocal;
    }

    Optional<byte[]> fetch(String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) && !(allowLocal && "http".equals(uri.getScheme()))) {
            log.warn("Logo not fetched, not an https URL url='{}'", url);
            return Optional.empty();
        }
        if (!allowLocal && !isPublic(uri.getHost())) {
            log.warn("Logo not fetched, not a public address url='{}'", url);
            return Optional.empty();
        }
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] image = body.readNBytes(MAX_BYTES + 1);
                if (response.statusCode() != 200 || image.length > MAX_BYTES || !isPngOrJpeg(image)) {
                    log.warn("Logo not used url='{}' status='{}' bytes='{}'", url, response.statusCode(), image.length);
                    return Optional.empty();
                }
                return Optional.of(image);
            }
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Logo not fetched url='{}' reason='{}'", url, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Whether every address of the host is a public one: a merchant's URL must not make the service fetch from inside
     * its own network (loopback, private, link-local addresses).
     */
    private static boolean isPublic(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress()
                        || address.isSiteLocalAddress()
                        || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress()
                        || address.isMulticastAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | IllegalArgumentException unknown) {
            return false;
        }
    }

    private static boolean isPngOrJpeg(byte[] image) {
        boolean png = image.length > 8 && (image[0] & 0xFF) == 0x89 && image[1] == 'P' && image[2] == 'N';
        boolean jpeg = image.length > 3 && (image[0] & 0xFF) == 0xFF && (image[1] & 0xFF) == 0xD8;
        return png || jpeg;
    }
}
