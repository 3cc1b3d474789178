package nl.switchboard.portier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.switchboard.support.TestDatabases;

/** A booking's row lock waits the configured time on either database, not the database's own. */
class LockTimeoutTest {

    private static final String SELECT = "SELECT saldo FROM bus.lock_timeout_test WHERE id = ?";

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aLockedRowIsWaitedForAtMostTheTimeout(String database) throws SQLException {
        DataSource dataSource = TestDatabases.migrated(database, false);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE bus.lock_timeout_test (id INTEGER PRIMARY KEY, saldo NUMERIC(15,2))");
        jdbc.update("INSERT INTO bus.lock_timeout_test (id, saldo) VALUES (1, 12.50)");
        LockTimeout lockTimeout = new LockTimeout(dataSource, Duration.ofMillis(300));
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        BigDecimal free = transaction.execute(status -> lockTimeout.selectForUpdate(SELECT, 1));
        assertThat(free).isEqualByComparingTo("12.50");

        try (Connection allegro = dataSource.getConnection()) {
            allegro.setAutoCommit(false);
            allegro.createStatement().executeQuery(SELECT.replace("?", "1") + " FOR UPDATE").close();
            long start = System.nanoTime();
            assertThatThrownBy(() -> transaction.execute(status -> lockTimeout.selectForUpdate(SELECT, 1)))
                    .isInstanceOf(PessimisticLockingFailureException.class);
            // H2 by itself waits 2 s, PostgreSQL for ever
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofMillis(1500));
            allegro.rollback();
        }
        BigDecimal released = transaction.execute(status -> lockTimeout.selectForUpdate(SELECT, 1));
        assertThat(released).isEqualByComparingTo("12.50");
    }
}
