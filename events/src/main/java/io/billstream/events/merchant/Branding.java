package io.billstream.events.merchant;

import io.billstream.events.OptionalField;

/** How the portal, emails and documents look: the logo (an https URL) and the accent colour ({@code #RRGGBB}). */
public record Branding(@OptionalField String logoUrl, String accentColour) {}
