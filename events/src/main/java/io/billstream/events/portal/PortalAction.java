package io.billstream.events.portal;

/** What a customer did in the portal; more values come as the portal grows (additive). */
public enum PortalAction {
    SIGNED_IN,
    SIGNED_OUT
}
