package nl.switchboard.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import nl.switchboard.support.DatabaseServer;
import nl.switchboard.support.SeverableLink;

/**
 * A transaction whose connection is lost (the database restarted, the network dropped) fails with
 * the statement's connection error, which tells callers the database is unreachable, and not with the
 * rollback that could no longer be sent; once the database is back the pool hands out a working
 * connection (the pool configured as the bus's). The database is a real server behind a link cut in the
 * middle of the transaction.
 */
class LostConnectionTransactionManagerTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void aTransactionWhoseConnectionIsLostFailsWithItsCause(String database) throws Exception {
        try (DatabaseServer server = DatabaseServer.start(database); SeverableLink link = new SeverableLink(server.port())) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.url(link.port()));
            config.setUsername(server.user());
            config.setMaximumPoolSize(2);
            config.setConnectionTimeout(1000);
            config.setExceptionOverrideClassName(DeadConnections.class.getName());
            try (HikariDataSource pool = new HikariDataSource(config)) {
                JdbcTemplate jdbc = new JdbcTemplate(pool);
                TransactionTemplate transaction = new TransactionTemplate(new LostConnectionTransactionManager(pool));

                assertThatThrownBy(() -> transaction.execute(status -> {
                    jdbc.queryForObject("SELECT 1", Integer.class);
                    link.cut();
                    return jdbc.queryForObject("SELECT 2", Integer.class);
                })).isInstanceOf(DataAccessResourceFailureException.class);

                // the pool's other connection went with the link too; it is found dead when next handed out
                link.restore();
                await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() ->
                        transaction.execute(status -> jdbc.queryForObject("SELECT 3", Integer.class)) == 3);
            }
        }
    }
}
