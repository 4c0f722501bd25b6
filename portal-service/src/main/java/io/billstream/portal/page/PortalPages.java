package io.billstream.portal.page;

import io.billstream.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * What every portal page gets: the visitor cookie and the CSRF token of its forms, a refusal of any form post without
 * a valid token, the security headers, and the customer's language (the browser's by default, {@code ?lang=} switches
 * it and a cookie remembers it).
 */
@Configuration(proxyBeanMethods = false)
class PortalPages implements WebMvcConfigurer {

    static final String[] PATHS = {"/login/**", "/portal/**", "/logout", "/pay/**", "/checkout/**"};
    static final String CSRF_ATTRIBUTE = "csrfToken";

    private static final List<Locale> LANGUAGES =
            List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"));
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final CsrfTokens csrf;
    private final SecureRandom random = new SecureRandom();

    PortalPages(CsrfTokens csrf) {
        this.csrf = csrf;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("portal_lang");
        resolver.setDefaultLocaleFunction(request -> {
            Locale asked = request.getLocale();
            return LANGUAGES.stream()
                    .filter(language -> language.getLanguage().equals(asked.getLanguage()))
                    .findFirst()
                    .orElse(Locale.ENGLISH);
        });
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languageSwitch = new LocaleChangeInterceptor();
        languageSwitch.setParamName("lang");
        languageSwitch.setIgnoreInvalidLocale(true);
        registry.addInterceptor(languageSwitch).addPathPatterns(PATHS);
        registry.addInterceptor(new PageGuard()).addPathPatterns(PATHS);
    }

    static final class FormRefused extends ProblemException {
        FormRefused() {
            super(
                    HttpStatus.FORBIDDEN,
                    "Forbidden",
                    "This form has expired or did not come from this portal; reload the page and try again.");
        }
    }

    private final class PageGuard implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            // Links in the portal carry secrets (payment links); no page tells another site where it came from.
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cache-Control", "no-store");

            String visitor = Browser.cookie(request, Browser.VISITOR).orElse(null);
            if ("POST".equals(request.getMethod())) {
                String presented = request.getParameter(CsrfTokens.FIELD);
                if (visitor == null || presented == null || !csrf.valid(visitor, presented)) {
                    throw new FormRefused();
                }
            }
            if (visitor == null) {
                byte[] id = new byte[16];
                random.nextBytes(id);
                visitor = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
                Browser.setCookie(response, Browser.VISITOR, visitor, Duration.ofSeconds(-1));
            }
            request.setAttribute(CSRF_ATTRIBUTE, csrf.tokenFor(visitor));
            return true;
        }
    }
}
