package nl.switchboard.data;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool which errors mean the connection itself is dead beyond those Hikari knows
 * (SQL state 08xxx, PostgreSQL's 57P01-57P03): H2 over TCP reports a broken connection as 90067 and
 * one it has given up as 90121. Hikari evicts a connection on the errors it knows, and otherwise checks
 * only one idle for half a second before handing it out; a pool in use kept handing out the same dead
 * H2 connection after the database was back.
 */
public class DeadConnections implements SQLExceptionOverride {

    private static final Set<String> H2_CONNECTION_GONE = Set.of("90067", "90121");

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return H2_CONNECTION_GONE.contains(e.getSQLState()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
