package nl.switchboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.switchboard.support.TestDatabases;

/** The migrations and demo data on both databases the bus supports. */
class SchemaMigrationsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void migrationsAndDemoDataLoadAndCanBeReapplied(String database) {
        DataSource dataSource = TestDatabases.fresh(database);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        new SchemaMigrations(dataSource, true).migrate();
        new SchemaMigrations(dataSource, true).migrate();

        assertThat(jdbc.queryForObject("SELECT waarde FROM allegro.parameter WHERE nummer = 329", String.class))
                .isEqualTo("4;7");
        assertThat(jdbc.queryForObject("SELECT saldo FROM allegro.reservering WHERE relatiecode = 4599 "
                + "AND soort = 'Prs' AND nummer = 7", BigDecimal.class)).isEqualByComparingTo("80.50");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.contract WHERE relatiecode = 4602 "
                + "AND historie_datum = CURRENT_DATE - INTERVAL '21' DAY", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM soferu.stay", Integer.class)).isEqualTo(7);
        assertThat(jdbc.queryForObject("SELECT name FROM soferu.guest WHERE id = 1", String.class)).isEqualTo("Müller");

        // the idempotent insert the event journal relies on
        String insert = "INSERT INTO bus.event_journal (event_id, type, source, queue, recorded_at) "
                + "VALUES (?, 'call.answered', '/test', 'calls.journal', CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING";
        assertThat(jdbc.update(insert, "e-1")).isEqualTo(1);
        assertThat(jdbc.update(insert, "e-1")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nl.switchboard.support.TestDatabases#names")
    void withoutTheDemoOnlyTheSchemasAreCreated(String database) {
        DataSource dataSource = TestDatabases.fresh(database);

        new SchemaMigrations(dataSource, false).migrate();

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM allegro.relatie", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM soferu.stay", Integer.class)).isZero();
    }
}
