package io.billstream.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring Boot test a real PostgreSQL and a real Kafka broker. One server of each runs per test JVM:
 * Testcontainers where a Docker engine answers, otherwise embedded servers (zonky PostgreSQL binaries, an in-process
 * Kafka KRaft broker). Each application context gets a database of its own, created empty, so Flyway migrates it
 * from scratch. Set {@code -Dbillstream.test.infrastructure=embedded|containers} to choose instead of detecting.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {

    /** Also start a real SMTP server (GreenMail) and point {@code spring.mail.*} at it; see {@link TestMailServer}. */
    boolean mail() default false;
}
