package io.billstream.document.pdf;

import io.billstream.events.Money;
import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * A document's words and figures in the customer's language: labels from {@code documents/labels_<language>}, and
 * amounts, dates and percentages formatted as that language writes them. English, German, French and Spanish; any
 * other language gets English.
 */
public final class Labels {

    public static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es");

    private final Locale locale;
    private final ZoneId zone;
    private final ResourceBundle bundle;

    private Labels(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
        // Without fallback to the JVM's locale: English is the base bundle itself.
        this.bundle = ResourceBundle.getBundle(
                "documents/labels",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Labels for {@code language} ({@code de}, ...) with dates in {@code zone}, the merchant's time zone. */
    public static Labels of(String language, ZoneId zone) {
        return new Labels(Locale.of(LANGUAGES.contains(language) ? language : "en"), zone);
    }

    public String language() {
        return locale.getLanguage();
    }

    public String text(String key) {
        return bundle.getString(key);
    }

    public String text(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }

    /** {@code 1.234,56 €} in German, {@code €1,234.56} in English. */
    public String money(Money money) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(money.currency());
        format.setMinimumFractionDigits(money.currency().getDefaultFractionDigits());
        format.setMaximumFractionDigits(money.currency().getDefaultFractionDigits());
        return printable(format.format(BigDecimal.valueOf(money.amount())
                .movePointLeft(money.currency().getDefaultFractionDigits())));
    }

    /** {@code 2. Dezember 2026}, {@code December 2, 2026}: the day in the merchant's time zone. */
    public String date(Instant instant) {
        return printable(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(instant.atZone(zone)));
    }

    /** A rate in basis points: {@code 19 %}, {@code 7,5 %}. */
    public String percent(int basisPoints) {
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(2);
        return printable(format.format(basisPoints / 10000.0));
    }

    /**
     * Java writes some languages' numbers with narrow and no-break spaces; the documents' standard fonts print plain
     * ones.
     */
    static String printable(String text) {
        return text.replace('\u202F', ' ').replace('\u00A0', ' ');
    }
}
