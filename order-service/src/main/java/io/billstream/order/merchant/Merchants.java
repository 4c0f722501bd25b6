package io.billstream.order.merchant;

import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.platform.outbox.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates merchants and keeps their settings; every change is published whole as MerchantSettingsChanged. */
@Service
public class Merchants {

    private final MerchantRepository merchants;
    private final EventPublisher events;
    private final Clock clock;

    Merchants(MerchantRepository merchants, EventPublisher events, Clock clock) {
        this.merchants = merchants;
        this.events = events;
        this.clock = clock;
    }

    public record Merchant(UUID id, MerchantSettings settings) {}

    @Transactional
    public Merchant create(MerchantSettings requested) {
        MerchantSettings settings = MerchantSettingsRules.validated(MerchantSettingsRules.withDefaults(requested));
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        merchants.insert(id, settings, now);
        events.publish(id, new MerchantSettingsChanged(id, settings, now));
        return new Merchant(id, settings);
    }

    @Transactional(readOnly = true)
    public Merchant get(UUID id) {
        return new Merchant(id, merchants.settings(id).orElseThrow(() -> new MerchantNotFound(id)));
    }

    /** Replaces the settings as a whole; unchanged settings publish nothing. */
    @Transactional
    public Merchant change(UUID id, MerchantSettings requested) {
        MerchantSettings settings = MerchantSettingsRules.validated(requested);
        MerchantSettings current = merchants.settingsForUpdate(id).orElseThrow(() -> new MerchantNotFound(id));
        if (!settings.equals(current)) {
            Instant now = clock.instant();
            merchants.update(id, settings, now);
            events.publish(id, new MerchantSettingsChanged(id, settings, now));
        }
        return new Merchant(id, settings);
    }
}
