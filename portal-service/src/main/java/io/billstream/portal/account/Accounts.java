package io.billstream.portal.account;

import io.billstream.portal.account.AccountLinks.Made;
import io.billstream.portal.account.AccountLinks.Owner;
import io.billstream.portal.account.AccountLinks.Purpose;
import io.billstream.portal.directory.Directory;
import io.billstream.portal.notify.SecretOutbox;
import io.billstream.portal.session.Sessions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitation, password, email confirmation, password sign-in, change and reset. The emailed links go through the
 * {@link SecretOutbox}; none travels on Kafka. Answers about an email never differ by whether it has an account.
 */
@Service
public class Accounts {

    static final Duration INVITATION_VALIDITY = Duration.ofHours(72);
    static final Duration CONFIRMATION_VALIDITY = Duration.ofHours(72);
    static final Duration RESET_VALIDITY = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Directory directory;
    private final AccountLinks links;
    private final Passwords passwords;
    private final SecretOutbox outbox;
    private final Sessions sessions;
    private final String publicUrl;

    Accounts(
            JdbcClient jdbc,
            Clock clock,
            Directory directory,
            AccountLinks links,
            Passwords passwords,
            SecretOutbox outbox,
            Sessions sessions,
            @Value("${billstream.portal.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.directory = directory;
        this.links = links;
        this.passwords = passwords;
        this.outbox = outbox;
        this.sessions = sessions;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** An invitation sent: its id and until when its link works. */
    public record Invitation(UUID id, UUID customerId, Instant expiresAt) {}

    /** Invites the merchant's customer to the portal; empty when the customer is not the merchant's. */
    @Transactional
    public Optional<Invitation> invite(UUID merchantId, UUID customerId) {
        if (!directory.isCustomerOf(merchantId, customerId)) {
            return Optional.empty();
        }
        Made link = links.make(Purpose.INVITATION, merchantId, customerId, INVITATION_VALIDITY);
        send(link, "portal-invitation", "/login/" + merchantId + "/invitation/", merchantId, customerId);
        return Optional.of(new Invitation(link.id(), customerId, link.expiresAt()));
    }

    /** Whether an invitation link still works (to show its page), without using it. */
    public boolean invitationValid(UUID merchantId, String token) {
        return links.peek(Purpose.INVITATION, merchantId, token).isPresent();
    }

    /**
     * Takes the invitation: the customer's password is set and a confirmation link emailed. False when the link is
     * used, expired or unknown.
     */
    @Transactional
    public boolean acceptInvitation(UUID merchantId, String token, String password) {
        Optional<Owner> owner = links.use(Purpose.INVITATION, merchantId, token);
        if (owner.isEmpty()) {
            return false;
        }
        UUID customerId = owner.get().customerId();
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO portal_account (customer_id, merchant_id, password_hash, password_changed_at,
                                                    created_at)
                        VALUES (:customer, :merchant, :hash, :now, :now)
                        ON CONFLICT (customer_id) DO UPDATE SET password_hash = :hash, password_changed_at = :now
                        """)
                .param("customer", customerId)
                .param("merchant", merchantId)
                .param("hash", passwords.hash(password))
                .param("now", Timestamp.from(now))
                .update();
        Made confirmation = links.make(Purpose.EMAIL_CONFIRMATION, merchantId, customerId, CONFIRMATION_VALIDITY);
        send(confirmation, "email-confirmation", "/login/" + merchantId + "/confirm/", merchantId, customerId);
        return true;
    }

    /** Confirms the email the confirmation link went to; false when the link is used, expired or unknown. */
    @Transactional
    public boolean confirmEmail(UUID merchantId, String token) {
        Optional<Owner> owner = links.use(Purpose.EMAIL_CONFIRMATION, merchantId, token);
        owner.ifPresent(found -> jdbc.sql("""
                        UPDATE portal_account SET email_confirmed_at = :now
                         WHERE customer_id = :customer AND email_confirmed_at IS NULL
                        """)
                .param("now", Timestamp.from(clock.instant()))
                .param("customer", found.customerId())
                .update());
        return owner.isPresent();
    }

    /**
     * The customer this email and password sign in, once the email is confirmed. An unknown email, a wrong password
     * and an unconfirmed email all give empty, after the same Argon2id work.
     */
    public Optional<UUID> signIn(UUID merchantId, String email, String password) {
        Optional<Account> account =
                directory.customerWithEmail(merchantId, email).flatMap(this::account);
        if (account.isEmpty()) {
            passwords.checkDecoy(password);
            return Optional.empty();
        }
        boolean matches = passwords.matches(password, account.get().passwordHash());
        return matches && account.get().emailConfirmed()
                ? Optional.of(account.get().customerId())
                : Optional.empty();
    }

    /** Changes a signed-in customer's password and ends the customer's other sessions; false when current is wrong. */
    @Transactional
    public boolean changePassword(UUID customerId, UUID currentSession, String current, String chosen) {
        Optional<Account> account = account(customerId);
        if (account.isEmpty() || !passwords.matches(current, account.get().passwordHash())) {
            return false;
        }
        setPassword(customerId, chosen);
        sessions.endOthers(customerId, currentSession, "PASSWORD_CHANGED");
        return true;
    }

    /** Emails a reset link if the email has an account; the caller answers the same either way. */
    @Transactional
    public void requestReset(UUID merchantId, String email) {
        directory.customerWithEmail(merchantId, email).flatMap(this::account).ifPresent(account -> {
            Made reset = links.make(Purpose.PASSWORD_RESET, merchantId, account.customerId(), RESET_VALIDITY);
            send(reset, "password-reset", "/login/" + merchantId + "/reset/", merchantId, account.customerId());
        });
    }

    public boolean resetValid(UUID merchantId, String token) {
        return links.peek(Purpose.PASSWORD_RESET, merchantId, token).isPresent();
    }

    /**
     * Sets the password a reset link was for and ends every session of the customer; the link, having reached the
     * inbox, also confirms the email. False when the link is used, expired or unknown.
     */
    @Transactional
    public boolean reset(UUID merchantId, String token, String chosen) {
        Optional<Owner> owner = links.use(Purpose.PASSWORD_RESET, merchantId, token);
        owner.ifPresent(found -> {
            setPassword(found.customerId(), chosen);
            jdbc.sql("""
                            UPDATE portal_account SET email_confirmed_at = coalesce(email_confirmed_at, :now)
                             WHERE customer_id = :customer
                            """)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("customer", found.customerId())
                    .update();
            sessions.endOthers(found.customerId(), new UUID(0, 0), "PASSWORD_CHANGED");
        });
        return owner.isPresent();
    }

    /** Whether the customer has an account with a password (for the pages: change password or not). */
    public boolean hasPassword(UUID customerId) {
        return account(customerId).isPresent();
    }

    private void setPassword(UUID customerId, String chosen) {
        jdbc.sql("UPDATE portal_account SET password_hash = :hash, password_changed_at = :now WHERE customer_id = :c")
                .param("hash", passwords.hash(chosen))
                .param("now", Timestamp.from(clock.instant()))
                .param("c", customerId)
                .update();
    }

    private void send(Made link, String template, String path, UUID merchantId, UUID customerId) {
        outbox.queue(
                link.id(),
                template,
                merchantId,
                customerId,
                null,
                new SecretOutbox.Secret(publicUrl + path + link.token(), true, link.expiresAt()));
    }

    private Optional<Account> account(UUID customerId) {
        return jdbc.sql(
                        "SELECT customer_id, password_hash, email_confirmed_at FROM portal_account WHERE customer_id = :c")
                .param("c", customerId)
                .query((rs, n) -> new Account(
                        rs.getObject("customer_id", UUID.class),
                        rs.getString("password_hash"),
                        rs.getTimestamp("email_confirmed_at") != null))
                .optional();
    }

    private record Account(UUID customerId, String passwordHash, boolean emailConfirmed) {}
}
