package nl.switchboard.support;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.switchboard.data.SchemaMigrations;

/**
 * Empty databases of both kinds the bus supports, for tests that need no running bus. The PostgreSQL
 * one is the server that .ci/run starts (system property switchboard.test.postgres.url); on CI it must
 * not be skipped.
 */
public final class TestDatabases {

    /** What every H2 URL of the tests carries, as the bus's own (application.yaml): one SQL for both databases. */
    public static final String H2_AS_POSTGRESQL = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private TestDatabases() {
    }

    /** The names a parameterized test runs with: "h2" and "postgresql". */
    public static Stream<String> names() {
        return Stream.of("h2", "postgresql");
    }

    /** {@link #fresh} with the bus's schemas migrated, and their demo data if {@code demo}. */
    public static DataSource migrated(String name, boolean demo) {
        DataSource dataSource = fresh(name);
        new SchemaMigrations(dataSource, demo).migrate();
        return dataSource;
    }

    /** A fresh H2 database, or the test PostgreSQL server without the bus's schemas. */
    public static DataSource fresh(String name) {
        if (name.equals("h2")) {
            return new DriverManagerDataSource("jdbc:h2:file:" + BusTest.freshDataDir().toAbsolutePath()
                    + "/db" + H2_AS_POSTGRESQL, "sa", "");
        }
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgresUrl());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String schema : SchemaMigrations.SCHEMAS) {
            jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        return dataSource;
    }

    /**
     * The command-line arguments that run a bus on database {@code name}: none for H2 (the bus's own,
     * embedded in its data directory), the test PostgreSQL server's URL for "postgresql", its bus
     * schemas dropped first. Call once per test: a second bus on the same data passes the same arguments.
     */
    public static List<String> busArguments(String name) {
        if (name.equals("h2")) {
            return List.of();
        }
        fresh(name);
        return List.of("--spring.datasource.url=" + postgresUrl(), "--spring.datasource.username=");
    }

    /** The port of the test PostgreSQL server. */
    public static int postgresPort() {
        return URI.create(postgresUrl().substring("jdbc:".length())).getPort();
    }

    /** The JDBC URL of the test PostgreSQL server, with its user and password; the test is skipped without one, except on CI. */
    public static String postgresUrl() {
        String url = System.getProperty("switchboard.test.postgres.url", "");
        if (url.isBlank() && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must test PostgreSQL: .ci/run did not pass switchboard.test.postgres.url");
        }
        assumeThat(url).as("PostgreSQL server for tests (.ci/run starts one)").isNotBlank();
        return url;
    }
}
