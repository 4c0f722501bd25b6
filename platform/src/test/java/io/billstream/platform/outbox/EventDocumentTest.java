package io.billstream.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.platform.test.NodeTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document other teams generate their consumers from (docs/asyncapi.yaml, kept equal to the contract by
 * the events module's AsyncApiDocumentTest) is valid for the AsyncAPI tools themselves.
 */
class EventDocumentTest {

    @Test
    void theAsyncApiDocumentIsValidForTheAsyncApiCli() {
        NodeTools.Outcome validated = NodeTools.validateAsyncApi(Path.of("../docs/asyncapi.yaml"));

        assertThat(validated.succeeded()).as(validated.output()).isTrue();
    }
}
