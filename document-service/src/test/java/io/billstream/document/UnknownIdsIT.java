package io.billstream.document;

import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.UnknownIdChecks;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class UnknownIdsIT extends UnknownIdChecks {

    @Override
    protected List<Read> reads() {
        return List.of(
                new Read(Kind.ORDER, "/api/v1/orders/%s/documents"),
                new Read(Kind.CUSTOMER, "/api/v1/customers/%s/documents"));
    }
}
