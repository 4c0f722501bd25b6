package io.billstream.events.order;

/** The ten order statuses, in three groups. */
public enum OrderStatus {
    /** No payment activity yet. */
    DRAFT(Group.PRELIMINARY),
    /** Awaiting payment or card registration through a link, or after such a payment was declined. */
    PENDING(Group.PRELIMINARY),
    /** A virtual-terminal payment or registration was declined. */
    REJECTED(Group.PRELIMINARY),
    ACTIVE(Group.LIVE),
    /** The last payment was soft-declined. */
    FAILED(Group.LIVE),
    /** Hard-declined, or a soft decline ran out of retries: not retried without a new card. */
    SUSPENDED(Group.LIVE),
    /** A subscription stopped for a while. */
    PAUSED(Group.LIVE),
    /** An instalment order collected more than its value; the portal shows it as COMPLETE. */
    REVIEW(Group.LIVE),
    CANCELLED(Group.FINAL),
    COMPLETE(Group.FINAL);

    public enum Group {
        PRELIMINARY,
        LIVE,
        FINAL
    }

    private final Group group;

    OrderStatus(Group group) {
        this.group = group;
    }

    public Group group() {
        return group;
    }

    public boolean isPreliminary() {
        return group == Group.PRELIMINARY;
    }

    public boolean isLive() {
        return group == Group.LIVE;
    }

    public boolean isFinal() {
        return group == Group.FINAL;
    }
}
