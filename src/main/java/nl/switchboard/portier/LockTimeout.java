package nl.switchboard.portier;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
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

    public LockTimeout(DataSource dataSource, @Value("${switchboard.portier.lock-timeout}") Duration timeout)
            throws SQLException {
        // in the caller's transaction (same data source); the translator by error code is the one that
        // knows a lock timeout (H2 50200, PostgreSQL 55P03), where the default calls it a query timeout
        // or leaves it uncategorised
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setExceptionTranslator(new SQLErrorCodeSQLExceptionTranslator(dataSource));
        this.timeout = timeout;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    /**
     * Runs {@code select} (one value of one row) with {@code FOR UPDATE}, waiting at most the timeout for
     * the lock. PostgreSQL takes the timeout for the current transaction; H2 in the statement itself,
     * because every SET in H2 empties the statement cache of all its sessions (bench/p4: a sixteenth of
     * the bus's CPU went to parsing SQL again while the Portier booked).
     *
     * @throws PessimisticLockingFailureException when the row stays locked
     */
    public BigDecimal selectForUpdate(String select, Object... arguments) {
        if (postgres) {
            jdbc.execute("SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'");
            return jdbc.queryForObject(select + " FOR UPDATE", BigDecimal.class, arguments);
        }
        return jdbc.queryForObject(select + " FOR UPDATE WAIT " + BigDecimal.valueOf(timeout.toMillis(), 3).toPlainString(),
                BigDecimal.class, arguments);
    }
}
