package io.billstream.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** One PostgreSQL server per JVM, an empty database for each caller that asks, and a Kafka broker that answers. */
class TestInfrastructureIT {

    @Test
    void eachNewDatabaseIsEmptyAndSeparateOnTheSameServer() throws Exception {
        JdbcCoordinates first = TestInfrastructure.newDatabase();
        JdbcCoordinates second = TestInfrastructure.newDatabase();

        assertThat(first.port()).isEqualTo(second.port());
        assertThat(first.database()).isNotEqualTo(second.database());
        execute(first, "CREATE TABLE only_in_first (id int)");
        assertThat(count(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"))
                .isZero();
        assertThat(count(first, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"))
                .isOne();
        assertThat(count(first, "SELECT current_setting('server_version_num')::int / 10000"))
                .isGreaterThanOrEqualTo(16);
    }

    @Test
    void theKafkaBrokerIsSharedByTheJvm() {
        assertThat(TestInfrastructure.kafka()).isSameAs(TestInfrastructure.kafka());
        assertThat(TestInfrastructure.kafka().bootstrapServers()).isNotBlank();
    }

    private static void execute(JdbcCoordinates database, String sql) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(database.url(), database.username(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(JdbcCoordinates database, String sql) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(database.url(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
