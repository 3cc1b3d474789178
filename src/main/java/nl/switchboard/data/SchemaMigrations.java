package nl.switchboard.data;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates each schema of the bus with its own Flyway history, so the Allegro, Soferu and bus schemas
 * evolve independently (and could later live in separate databases). Demo data is a second,
 * separately recorded set of migrations per schema: switching the demo off never upsets the history
 * of the real schema.
 */
public class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    public static final List<String> SCHEMAS = List.of("bus", "allegro", "soferu");

    private final DataSource dataSource;
    private final boolean demo;

    public SchemaMigrations(DataSource dataSource, boolean demo) {
        this.dataSource = dataSource;
        this.demo = demo;
    }

    public void migrate() {
        for (String schema : SCHEMAS) {
            int applied = Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(schema)
                    .createSchemas(true)
                    .locations("classpath:db/" + schema)
                    .load()
                    .migrate().migrationsExecuted;
            LOG.info("Schema {}: {} migration(s) applied", schema, applied);
            if (demo && hasDemoData(schema)) {
                int demoApplied = Flyway.configure()
                        .dataSource(dataSource)
                        .schemas(schema)
                        .table("flyway_demo_history")
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .locations("classpath:db/demo/" + schema)
                        .load()
                        .migrate().migrationsExecuted;
                LOG.info("Schema {}: {} demo data migration(s) applied", schema, demoApplied);
            }
        }
    }

    private static boolean hasDemoData(String schema) {
        return SchemaMigrations.class.getClassLoader().getResource("db/demo/" + schema) != null;
    }
}
