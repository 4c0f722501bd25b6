package io.billstream.gateway.web;

import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.HtmlUtils;

/**
 * What a person's browser gets when the gateway itself turns a portal page down (too many sign-in attempts, the portal
 * away, no such page): a page in the browser's language (en, de, fr, es) that says what to do next, not the problem
 * JSON an API client gets. Only for the portal's pages asked for as HTML; the API's paths always answer problems.
 */
final class BrowserRefusals {

    private static final List<Locale> LANGUAGES =
            List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"));
    private static final List<String> API_PATHS =
            List.of("/api/", "/internal/", "/sandbox/", "/v3/", "/actuator", "/swagger-ui", "/.well-known/");

    private BrowserRefusals() {}

    /** A portal page, asked for by a browser: the answer is a page. */
    static boolean wantAPage(ServerHttpRequest request) {
        String path = request.getPath().value();
        if (API_PATHS.stream().anyMatch(path::startsWith)) {
            return false;
        }
        return request.getHeaders().getAccept().stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    /** The page for {@code status}, in the first of the browser's languages the portal speaks. */
    static byte[] page(ServerHttpRequest request, HttpStatusCode status, HttpHeaders headers) {
        Locale language = languageOf(request);
        ResourceBundle texts = ResourceBundle.getBundle(
                "pages.refusals",
                language,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String kind = switch (status.value()) {
            case 429 -> "too-many";
            case 502, 503, 504 -> "unavailable";
            case 404 -> "not-found";
            default -> "failed";
        };
        String text = kind.equals("too-many")
                ? new MessageFormat(texts.getString("too-many.text"), language)
                        .format(new Object[] {retryAfter(headers)})
                : texts.getString(kind + ".text");
        String title = texts.getString(kind + ".title");
        String html = """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1d2430; }
                main { max-width: 28rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: .5rem; }
                </style>
                </head>
                <body>
                <main>
                <h1>%s</h1>
                <p>%s</p>
                </main>
                </body>
                </html>
                """.formatted(
                        language.getLanguage(),
                        HtmlUtils.htmlEscape(title, "UTF-8"),
                        HtmlUtils.htmlEscape(title, "UTF-8"),
                        HtmlUtils.htmlEscape(text, "UTF-8"));
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private static Locale languageOf(ServerHttpRequest request) {
        List<Locale.LanguageRange> wanted = request.getHeaders().getAcceptLanguage();
        Locale found = wanted.isEmpty() ? null : Locale.lookup(wanted, LANGUAGES);
        return found != null ? found : Locale.ENGLISH;
    }

    private static String retryAfter(HttpHeaders headers) {
        String seconds = headers.getFirst(HttpHeaders.RETRY_AFTER);
        return seconds != null ? seconds : "60";
    }
}
