package nl.switchboard.support;

import java.nio.file.Path;
import java.sql.SQLException;

import org.h2.tools.Server;

/**
 * A database server reached over TCP, of either kind the bus supports: an H2 TCP server on a fresh
 * directory, or the test PostgreSQL with the bus's schemas dropped. Tests connect through a
 * {@link SeverableLink} in front of it to take the server away from the bus and give it back.
 */
public final class DatabaseServer implements AutoCloseable {

    private final Server h2;
    private final int port;

    private DatabaseServer(Server h2, int port) {
        this.h2 = h2;
        this.port = port;
    }

    /** {@code name} as in {@link TestDatabases#names()}. */
    public static DatabaseServer start(String name) throws SQLException {
        if (name.equals("h2")) {
            Path dataDir = BusTest.freshDataDir().toAbsolutePath();
            Server server = Server.createTcpServer("-tcpPort", String.valueOf(BusTest.freePort()), "-baseDir",
                    dataDir.toString(), "-ifNotExists").start();
            return new DatabaseServer(server, server.getPort());
        }
        TestDatabases.fresh(name);
        return new DatabaseServer(null, TestDatabases.postgresPort());
    }

    public int port() {
        return port;
    }

    /**
     * The JDBC URL of this server on another port (a link's); PostgreSQL's with the test server's user
     * and password. H2 keeps its database open without sessions, as a server does: by default it closes
     * it with the last one, and a link cut took all of them.
     */
    public String url(int viaPort) {
        return h2 != null
                ? "jdbc:h2:tcp://127.0.0.1:" + viaPort + "/switchboard" + TestDatabases.H2_AS_POSTGRESQL + ";DB_CLOSE_DELAY=-1"
                : TestDatabases.postgresUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + viaPort + "/");
    }

    /** The user the bus connects as: H2's default, or none (PostgreSQL's is in the URL). */
    public String user() {
        return h2 != null ? "sa" : "";
    }

    @Override
    public void close() {
        if (h2 != null) {
            h2.stop();
        }
    }
}
