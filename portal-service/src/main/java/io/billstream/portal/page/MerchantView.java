package io.billstream.portal.page;

import io.billstream.events.merchant.MerchantSettings;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What a page shows of the merchant: the name, the accent colour and the logo. */
record MerchantView(
        UUID id, String name, String accent, @Nullable String logoUrl) {

    private static final String DEFAULT_ACCENT = "#1f5fbf";
    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");

    static MerchantView of(UUID id, MerchantSettings settings) {
        String accent = settings.branding() != null ? settings.branding().accentColour() : null;
        String logo = settings.branding() != null ? settings.branding().logoUrl() : null;
        return new MerchantView(
                id,
                settings.company().legalName(),
                // It goes into a style attribute: only a plain colour does.
                accent != null && COLOUR.matcher(accent).matches() ? accent : DEFAULT_ACCENT,
                logo != null && logo.startsWith("https://") ? logo : null);
    }
}
