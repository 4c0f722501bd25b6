package io.billstream.events.merchant;

import java.time.Instant;
import java.util.UUID;

/**
 * A merchant was created or changed its settings. Carries the whole settings, so a consumer keeps its copy by
 * replacing it with the newest (highest {@code sequence}).
 */
public record MerchantSettingsChanged(UUID merchantId, MerchantSettings settings, Instant changedAt) {}
