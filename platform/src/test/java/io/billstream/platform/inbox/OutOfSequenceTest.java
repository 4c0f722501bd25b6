package io.billstream.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutOfSequenceTest {

    @Test
    void onlyTheEventRightAfterTheLastAppliedOneIsApplied() {
        assertThat(OutOfSequence.isNext(event(1), 0)).isTrue();
        assertThat(OutOfSequence.isNext(event(8), 7)).isTrue();
        assertThat(OutOfSequence.isNext(event(7), 7)).as("applied before").isFalse();
        assertThat(OutOfSequence.isNext(event(3), 7)).as("applied before").isFalse();
    }

    @Test
    void anEventAfterAGapIsRefusedNamingBothPositions() {
        assertThatThrownBy(() -> OutOfSequence.isNext(event(9), 7))
                .isInstanceOf(OutOfSequence.class)
                .hasMessageContaining("sequence 9")
                .hasMessageContaining("last one applied is 7");
    }

    private static ReceivedEvent event(long sequence) {
        return new ReceivedEvent(
                UUID.randomUUID(),
                "io.billstream.billing.PaymentApproved.v1",
                "billstream.billing",
                UUID.randomUUID().toString(),
                UUID.randomUUID(),
                sequence);
    }
}
