package io.billstream.order.merchant;

import io.billstream.events.Address;
import io.billstream.events.merchant.Branding;
import io.billstream.events.merchant.CompanyDetails;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.merchant.NotificationSettings;
import io.billstream.events.merchant.PortalOptions;
import io.billstream.events.merchant.RetryPolicy;
import io.billstream.events.merchant.TaxRate;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What valid merchant settings are, and the defaults for the parts a new merchant may leave out. */
final class MerchantSettingsRules {

    static final Set<String> SUPPORTED_LOCALES = Set.of("en", "de", "fr", "es");

    /**
     * Retries one day, three days, one, two, three and four weeks after a soft decline: spread over the 30 days the
     * card networks allow, with six of the fifteen attempts.
     */
    static final RetryPolicy DEFAULT_RETRY_POLICY = new RetryPolicy(true, List.of(24, 72, 168, 336, 504, 672));

    static final NotificationSettings DEFAULT_NOTIFICATIONS = new NotificationSettings(true, true, true, false);
    static final PortalOptions DEFAULT_PORTAL = new PortalOptions(true, true, true);

    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Pattern PREFIX = Pattern.compile("[A-Z0-9]{1,10}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final int MAX_RETRIES = 15;
    private static final int RETRY_WINDOW_HOURS = 30 * 24;

    private MerchantSettingsRules() {}

    static MerchantSettings withDefaults(MerchantSettings settings) {
        return new MerchantSettings(
                settings.company(),
                settings.branding(),
                settings.defaultLocale(),
                settings.timeZone(),
                settings.retryPolicy() == null ? DEFAULT_RETRY_POLICY : settings.retryPolicy(),
                settings.notifications() == null ? DEFAULT_NOTIFICATIONS : settings.notifications(),
                settings.portal() == null ? DEFAULT_PORTAL : settings.portal(),
                settings.invoicePrefix() == null ? "INV" : settings.invoicePrefix(),
                settings.tax());
    }

    /** Refuses settings that break a rule, naming every field at fault. */
    static MerchantSettings validated(MerchantSettings settings) {
        List<FieldError> errors = new ArrayList<>();
        company(settings.company(), errors);
        branding(settings.branding(), errors);
        if (settings.defaultLocale() == null || !SUPPORTED_LOCALES.contains(settings.defaultLocale())) {
            errors.add(new FieldError(
                    "defaultLocale",
                    "must be one of " + SUPPORTED_LOCALES.stream().sorted().toList()));
        }
        if (!isTimeZone(settings.timeZone())) {
            errors.add(new FieldError("timeZone", "must be an IANA time zone such as Europe/Berlin"));
        }
        retryPolicy(settings.retryPolicy(), errors);
        if (settings.notifications() == null) {
            errors.add(new FieldError("notifications", "must be given"));
        }
        if (settings.portal() == null) {
            errors.add(new FieldError("portal", "must be given"));
        }
        if (settings.invoicePrefix() == null
                || !PREFIX.matcher(settings.invoicePrefix()).matches()) {
            errors.add(new FieldError("invoicePrefix", "must be 1 to 10 capital letters or digits"));
        }
        tax(settings.tax(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return settings;
    }

    private static void company(CompanyDetails company, List<FieldError> errors) {
        if (company == null) {
            errors.add(new FieldError("company", "must be given"));
            return;
        }
        if (isBlank(company.legalName())) {
            errors.add(new FieldError("company.legalName", "must not be blank"));
        }
        Address address = company.address();
        if (address == null) {
            errors.add(new FieldError("company.address", "must be given"));
            return;
        }
        if (isBlank(address.line1())) {
            errors.add(new FieldError("company.address.line1", "must not be blank"));
        }
        if (isBlank(address.postalCode())) {
            errors.add(new FieldError("company.address.postalCode", "must not be blank"));
        }
        if (isBlank(address.city())) {
            errors.add(new FieldError("company.address.city", "must not be blank"));
        }
        if (address.country() == null || !COUNTRIES.contains(address.country())) {
            errors.add(new FieldError("company.address.country", "must be an ISO 3166-1 alpha-2 code such as DE"));
        }
    }

    private static void branding(Branding branding, List<FieldError> errors) {
        if (branding == null) {
            errors.add(new FieldError("branding", "must be given"));
            return;
        }
        if (branding.accentColour() == null
                || !COLOUR.matcher(branding.accentColour()).matches()) {
            errors.add(new FieldError("branding.accentColour", "must be a colour such as #1A73E8"));
        }
        if (branding.logoUrl() != null && !isHttpsUrl(branding.logoUrl())) {
            errors.add(new FieldError("branding.logoUrl", "must be an https URL"));
        }
    }

    /** No tax is fine; a tax has a name and a rate below 100 %. */
    private static void tax(TaxRate tax, List<FieldError> errors) {
        if (tax == null) {
            return;
        }
        if (isBlank(tax.name()) || tax.name().length() > 20) {
            errors.add(new FieldError("tax.name", "must be 1 to 20 characters, such as VAT"));
        }
        if (tax.basisPoints() < 0 || tax.basisPoints() >= 10000) {
            errors.add(new FieldError("tax.basisPoints", "must be 0 to 9999 hundredths of a percent (1900 is 19 %)"));
        }
    }

    private static void retryPolicy(RetryPolicy policy, List<FieldError> errors) {
        if (policy == null) {
            errors.add(new FieldError("retryPolicy", "must be given"));
            return;
        }
        List<Integer> hours = policy.retryAfterHours();
        boolean increasing = true;
        for (int i = 1; i < hours.size(); i++) {
            increasing &= hours.get(i) > hours.get(i - 1);
        }
        if (hours.size() > MAX_RETRIES
                || !increasing
                || hours.stream().anyMatch(hour -> hour < 1 || hour > RETRY_WINDOW_HOURS)
                || (policy.enabled() && hours.isEmpty())) {
            errors.add(new FieldError(
                    "retryPolicy.retryAfterHours",
                    "must be 1 to 15 increasing hours between 1 and 720 (30 days) after the soft decline"));
        }
    }

    private static boolean isTimeZone(String zone) {
        if (zone == null) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return zone.contains("/") || zone.equals("UTC");
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isHttpsUrl(String url) {
        try {
            URI uri = URI.create(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
