package io.billstream.document.copy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
 * seconds. A logo that cannot be had leaves the documents without one rather than stopping them. Plain http is for
 * local runs and tests only ({@code billstream.documents.logos.allow-http}).
 */
@Component
class Logos {

    private static final Logger log = LoggerFactory.getLogger(Logos.class);
    private static final int MAX_BYTES = 512 * 1024;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final boolean allowHttp;

    Logos(@Value("${billstream.documents.logos.allow-http:false}") boolean allowHttp) {
        this.allowHttp = allowHttp;
    }

    Optional<byte[]> fetch(String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) && !(allowHttp && "http".equals(uri.getScheme()))) {
            log.warn("Logo not fetched, not an https URL url='{}'", url);
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

    private static boolean isPngOrJpeg(byte[] image) {
        boolean png = image.length > 8 && (image[0] & 0xFF) == 0x89 && image[1] == 'P' && image[2] == 'N';
        boolean jpeg = image.length > 3 && (image[0] & 0xFF) == 0xFF && (image[1] & 0xFF) == 0xD8;
        return png || jpeg;
    }
}
