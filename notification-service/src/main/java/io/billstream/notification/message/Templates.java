package io.billstream.notification.message;

import io.billstream.events.Money;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.merchant.MerchantSettings;
import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The messages' words, in English, German, French and Spanish ({@code notifications/messages_<language>}), with the
 * figures formatted as the language writes them and dates in the merchant's time zone. Each message is a subject, a
 * plain-text body and the same body as branded HTML: the merchant's logo and accent colour, its name and address.
 */
@Component
class Templates {

    static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es");

    /**
     * Stands for a message's secret (a one-time code, a link with a token) in what is stored: the {@link Dispatcher}
     * puts the secret in when it sends, and the merchant's log shows {@link #HIDDEN} instead.
     */
    static final String SECRET = "{{secret}}";

    static final String HIDDEN = "••••••";

    /**
     * A message written out: what is sent and what the merchant's log shows.
     *
     * @param sms the short text for SMS; absent for messages that go by email only
     */
    record Written(String language, String subject, String text, String html, String sms) {}

    /**
     * What a message tells, besides whom it is for.
     *
     * @param amount the money it is about; absent for a subscription's pause, resumption or cancellation
     * @param at the day it is about: paid, declined, due, paused
     * @param card the card it is about, if any
     * @param detail one more thing the template names: a credit note's number, a card's month of expiry, a code
     * @param validFor how long the link or code it carries stays valid; absent when it carries none
     */
    record Facts(Money amount, Instant at, PaymentCard card, String detail, Duration validFor) {

        Facts(Money amount, Instant at, PaymentCard card, String detail) {
            this(amount, at, card, detail, null);
        }
    }

    /**
     * Writes {@code template} for the merchant's customer. Its arguments, as the bundles number them: 0 the
     * customer's name, 1 the amount, 2 the date, 3 the card (or nothing), 4 the link (or nothing), 5 the merchant,
     * 6 the order, 7 the detail, 8 the minutes it is valid for.
     */
    Written write(
            String template,
            String language,
            MerchantSettings merchant,
            String customerName,
            Facts facts,
            String link,
            String orderReference) {
        String chosen = LANGUAGES.contains(language) ? language : merchant.defaultLocale();
        Locale locale = Locale.of(LANGUAGES.contains(chosen) ? chosen : "en");
        ResourceBundle words = ResourceBundle.getBundle(
                "notifications/messages",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        PaymentCard card = facts.card();
        // A payment names the card it was made with; a message about the card itself names the card alone.
        String cardText = card == null
                ? ""
                : format(
                        words, template.startsWith("card-") ? "cardShort" : "card", locale, card.brand(), card.last4());
        Object[] arguments = {
            customerName,
            facts.amount() == null ? "" : money(facts.amount(), locale),
            DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                    .withLocale(locale)
                    .format(facts.at().atZone(ZoneId.of(merchant.timeZone()))),
            cardText,
            link == null ? "" : link,
            merchant.company().legalName(),
            orderReference,
            facts.detail() == null ? "" : facts.detail(),
            // rounded to the nearest minute: a code valid for 10 minutes is not written as valid for 9
            facts.validFor() == null ? 0 : (facts.validFor().toSeconds() + 30) / 60
        };
        String subject = format(words, template + ".subject", locale, arguments);
        String text = format(words, template + ".text", locale, arguments);
        String sms = words.containsKey(template + ".sms") ? format(words, template + ".sms", locale, arguments) : null;
        return new Written(locale.getLanguage(), subject, text, html(locale, merchant, subject, text, link), sms);
    }

    private static String format(ResourceBundle words, String key, Locale locale, Object... arguments) {
        return new MessageFormat(words.getString(key), locale).format(arguments);
    }

    /** {@code December 2026}, {@code Dezember 2026}: a card's month of expiry. */
    static String month(java.time.LocalDate month, String language) {
        Locale locale = Locale.of(LANGUAGES.contains(language) ? language : "en");
        return DateTimeFormatter.ofPattern("LLLL yyyy", locale).format(month);
    }

    static String money(Money money, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(money.currency());
        int digits = money.currency().getDefaultFractionDigits();
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(money.amount()).movePointLeft(digits));
    }

    /** The text's paragraphs under the merchant's logo and in its colour; the link as a button. */
    private static String html(Locale locale, MerchantSettings merchant, String subject, String text, String link) {
        String accent = HtmlUtils.htmlEscape(merchant.branding().accentColour());
        StringBuilder html = new StringBuilder()
                .append("<!doctype html><html lang=\"")
                .append(locale.getLanguage())
                .append("\"><head><meta charset=\"utf-8\"><title>")
                .append(HtmlUtils.htmlEscape(subject))
                .append("</title></head><body style=\"margin:0;font-family:Helvetica,Arial,sans-serif;color:#222\">")
                .append("<div style=\"max-width:560px;margin:0 auto;padding:24px;border-top:4px solid ")
                .append(accent)
                .append("\">");
        if (merchant.branding().logoUrl() != null) {
            html.append("<img src=\"")
                    .append(HtmlUtils.htmlEscape(merchant.branding().logoUrl()))
                    .append("\" alt=\"")
                    .append(HtmlUtils.htmlEscape(merchant.company().legalName()))
                    .append("\" style=\"max-height:48px\">");
        }
        html.append("<h1 style=\"font-size:20px;color:")
                .append(accent)
                .append("\">")
                .append(HtmlUtils.htmlEscape(subject))
                .append("</h1>");
        for (String paragraph : text.split("\n\n")) {
            if (link != null && paragraph.contains(link)) {
                String before = paragraph.substring(0, paragraph.indexOf(link)).strip();
                html.append("<p>").append(HtmlUtils.htmlEscape(before)).append("</p>");
                html.append("<p><a href=\"")
                        .append(HtmlUtils.htmlEscape(link))
                        .append("\" style=\"display:inline-block;padding:10px 16px;color:#fff;text-decoration:none;")
                        .append("background:")
                        .append(accent)
                        .append("\">")
                        .append(HtmlUtils.htmlEscape(link))
                        .append("</a></p>");
            } else if (paragraph.strip().equals(SECRET)) {
                html.append("<p style=\"font-size:28px;font-weight:bold;letter-spacing:6px\">")
                        .append(SECRET)
                        .append("</p>");
            } else {
                html.append("<p>")
                        .append(HtmlUtils.htmlEscape(paragraph).replace("\n", "<br>"))
                        .append("</p>");
            }
        }
        var address = merchant.company().address();
        html.append("<p style=\"color:#666;font-size:12px\">")
                .append(HtmlUtils.htmlEscape(merchant.company().legalName() + " · " + address.line1() + " · "
                        + address.postalCode() + " " + address.city()))
                .append("</p></div></body></html>");
        return html.toString();
    }
}
