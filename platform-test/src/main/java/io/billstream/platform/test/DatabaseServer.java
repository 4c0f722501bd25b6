package io.billstream.platform.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A running PostgreSQL server on which databases can be created. */
public interface DatabaseServer extends AutoCloseable {

    /** A JDBC URL of the maintenance database {@code postgres}, with credentials of a superuser. */
    JdbcCoordinates admin();

    /** Creates an empty database and returns how to reach it. */
    default JdbcCoordinates createDatabase(String name) {
        JdbcCoordinates admin = admin();
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return admin.withDatabase(name);
    }

    @Override
    void close();

    record JdbcCoordinates(String host, int port, String database, String username, String password) {

        public String url() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public JdbcCoordinates withDatabase(String name) {
            return new JdbcCoordinates(host, port, name, username, password);
        }
    }
}
