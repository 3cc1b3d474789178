package nl.switchboard.data;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes the rows of a table that meet a condition a few hundred a statement, so that a long backlog
 * of old rows never holds its locks, or one transaction, for long. The same SQL on H2 and PostgreSQL.
 */
public final class ChunkedDelete {

    static final int CHUNK = 500;

    private ChunkedDelete() {
    }

    /**
     * Answers how many rows went.
     *
     * @param key   a unique column, by which each chunk is chosen
     * @param where the condition, with a {@code ?} for each of {@code arguments}; best served by an index
     */
    public static int rows(JdbcTemplate jdbc, String table, String key, String where, Object... arguments) {
        String delete = "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table
                + " WHERE " + where + " FETCH FIRST " + CHUNK + " ROWS ONLY)";
        int deleted = 0;
        int chunk;
        do {
            chunk = jdbc.update(delete, arguments);
            deleted += chunk;
        } while (chunk == CHUNK);
        return deleted;
    }
}
