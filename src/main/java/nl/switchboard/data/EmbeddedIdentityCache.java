package nl.switchboard.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the embedded H2 database, every identity column of the bus's schemas hands out its values from a
 * cache of {@link #CACHE} instead of H2's 32. H2 records how far a sequence may have handed out values
 * each time its cache runs out, in a commit of its own, and with WRITE_DELAY=0 every commit is a chunk
 * written to the file: in bench/p2 those commits were 44 % of the event trace's writing. A value still
 * in the cache when the bus stops is skipped, never handed out twice. PostgreSQL is left as it is: it
 * logs a sequence without a commit of its own, and its cache is per connection, which would number
 * rows out of the order in which they came.
 */
public class EmbeddedIdentityCache {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedIdentityCache.class);

    static final long CACHE = 1000;

    private final DataSource dataSource;

    public EmbeddedIdentityCache(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Widens each identity column's cache that is smaller, on H2; does nothing on another database. */
    public void widen() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            List<String> alterations = new ArrayList<>();
            try (PreparedStatement narrow = connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME "
                    + "FROM INFORMATION_SCHEMA.COLUMNS WHERE IS_IDENTITY = 'YES' AND IDENTITY_CACHE < ?")) {
                narrow.setLong(1, CACHE);
                try (ResultSet rows = narrow.executeQuery()) {
                    while (rows.next()) {
                        if (SchemaMigrations.SCHEMAS.contains(rows.getString(1))) {
                            alterations.add("ALTER TABLE " + quoted(rows.getString(1)) + "." + quoted(rows.getString(2))
                                    + " ALTER COLUMN " + quoted(rows.getString(3)) + " SET CACHE " + CACHE);
                        }
                    }
                }
            }
            try (Statement alter = connection.createStatement()) {
                for (String alteration : alterations) {
                    alter.execute(alteration);
                }
            }
            if (!alterations.isEmpty()) {
                LOG.info("{} identity column(s) of the embedded database now cache {} values", alterations.size(), CACHE);
            }
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
