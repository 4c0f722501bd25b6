package io.billstream.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.ServiceContractChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PortalServiceIT extends ServiceContractChecks {

    @Autowired
    JdbcClient jdbc;

    @Test
    void migratesItsOwnDatabaseAndThePlatformTables() {
        assertThat(jdbc.sql("SELECT max(version) FROM flyway_schema_history")
                        .query(String.class)
                        .single())
                .isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM platform.flyway_schema_history WHERE success")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(jdbc.sql("SELECT to_regclass('platform.outbox_record')::text")
                        .query(String.class)
                        .single())
                .isEqualTo("platform.outbox_record");
    }
}
