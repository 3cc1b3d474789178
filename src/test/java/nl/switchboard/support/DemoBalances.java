package nl.switchboard.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo relatie 4599's withdrawable reserveringen at their demo balances. Tests that book
 * withdrawals lower them; a test that reads the balances sets them first, whatever ran before it.
 */
public final class DemoBalances {

    private DemoBalances() {
    }

    public static void restore(JdbcTemplate jdbc) {
        jdbc.update("UPDATE allegro.reservering SET saldo = 250.00 WHERE relatiecode = 4599 AND soort = 'Prs' AND nummer = 4");
        jdbc.update("UPDATE allegro.reservering SET saldo = 80.50 WHERE relatiecode = 4599 AND soort = 'Prs' AND nummer = 7");
    }
}
