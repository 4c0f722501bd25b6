package io.billstream.notification;

import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.ServiceContractChecks;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class NotificationServiceIT extends ServiceContractChecks {}
