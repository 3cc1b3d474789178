package nl.switchboard.data;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The bus's JDBC transactions: Spring Boot's, except that a rollback on a connection already lost is
 * no failure. A statement that finds its connection dead (the database restarted, the network
 * dropped) fails with a connection error, and the pool closes the connection; the database discards
 * the transaction of a lost session by itself. Spring would still send the rollback and, when it
 * fails, report "JDBC rollback failed" in place of the statement's error, which is what tells the
 * Portier, the SOAP and REST answers and the drains that the database is unreachable.
 */
public class LostConnectionTransactionManager extends JdbcTransactionManager {

    public LostConnectionTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        } catch (TransactionSystemException e) {
            if (!lost(status)) {
                throw e;
            }
            logger.debug("No rollback on a lost connection; the database discarded the transaction", e);
        }
    }

    private static boolean lost(DefaultTransactionStatus status) {
        try {
            return ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder().getConnection().isClosed();
        } catch (SQLException e) {
            return false;
        }
    }
}
