package nl.switchboard.portier;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How long a booking waits for a row lock before it counts as locked. Long enough for concurrent
 * bookings on one reservering to take turns, short enough to hand a long Allegro lock to the broker.
 */
@Component
public class LockTimeout {

    private final JdbcTemplate jdbc;
    private final Duration timeout;
    private final boolean postgres;

    public LockTimeout(JdbcTemplate jdbc, DataSource dataSource,
                       @Value("${switchboard.portier.lock-timeout}") Duration timeout) throws SQLException {
        this.jdbc = jdbc;
        this.timeout = timeout;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    /** Applies the timeout to the current transaction's connection. */
    public void apply() {
        if (postgres) {
            jdbc.execute("SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'");
        } else {
            jdbc.execute("SET LOCK_TIMEOUT " + timeout.toMillis());
        }
    }
}
