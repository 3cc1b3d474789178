package nl.switchboard.allegro.telefoon;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.switchboard.data.ChunkedDelete;

/**
 * Sessions of the TelefoonService (seed 000 §1.2), kept in the bus schema so that any instance can
 * serve the next call of a session. A session belongs to the relatiecode that logged in and ends
 * after a configured idle time. Failed logins are counted per relatiecode and per client address;
 * past the limit, logins are refused for the rest of the window.
 * <p>
 * The time of last use is written only when what is recorded is older than a hundredth of the idle
 * time (9 s of the default 15 minutes): an IVR flow makes several calls within seconds, and each write
 * was a durable commit of its own. A session therefore ends between the idle time and that much later
 * after its last call, never earlier.
 * <p>
 * An IVR does not come back for a session once its caller hangs up, so each call would leave its row
 * for good: {@link #sweep()} deletes what has been over for a while.
 */
@Component
public class TelefoonSessions {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration useGrain;
    /** A session has ended this long after the last use recorded for it. */
    private final Duration endsAfterRecordedUse;
    private final Duration keptAfterExpiry;
    private final Duration failureWindow;
    private final int maxFailuresPerRelatie;
    private final int maxFailuresPerAddress;

    public TelefoonSessions(JdbcTemplate jdbc, Clock clock,
                            @Value("${switchboard.allegro.session.idle-timeout}") Duration idleTimeout,
                            @Value("${switchboard.allegro.session.kept-after-expiry}") Duration keptAfterExpiry,
                            @Value("${switchboard.allegro.login.failure-window}") Duration failureWindow,
                            @Value("${switchboard.allegro.login.max-failures-per-relatie}") int maxFailuresPerRelatie,
                            @Value("${switchboard.allegro.login.max-failures-per-address}") int maxFailuresPerAddress) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.useGrain = idleTimeout.dividedBy(100);
        this.endsAfterRecordedUse = idleTimeout.plus(useGrain);
        this.keptAfterExpiry = keptAfterExpiry;
        this.failureWindow = failureWindow;
        this.maxFailuresPerRelatie = maxFailuresPerRelatie;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
    }

    public String open(int relatiecode, String clientAddress) {
        String guid = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.update("INSERT INTO bus.telefoon_session (session_guid, relatiecode, client_address, created_at, last_used_at) "
                + "VALUES (?, ?, ?, ?, ?)", guid, relatiecode, clientAddress, now, now);
        jdbc.update("DELETE FROM bus.telefoon_login_failure WHERE relatiecode = ?", relatiecode);
        return guid;
    }

    /**
     * The relatiecode of a live session, whose idle time starts again; a SOAP fault for a missing,
     * unknown or expired session.
     */
    public int require(String sessionGuid) {
        if (sessionGuid == null || sessionGuid.isBlank()) {
            throw TelefoonFaults.client("Geen sessie: geef de sessionguid uit het antwoord van AllegroLogin mee "
                    + "in de SOAP-header");
        }
        List<Session> sessions = jdbc.query("SELECT relatiecode, last_used_at FROM bus.telefoon_session WHERE session_guid = ?",
                (rs, i) -> new Session(rs.getInt("relatiecode"), rs.getObject("last_used_at", OffsetDateTime.class)),
                sessionGuid.trim());
        if (sessions.isEmpty()) {
            throw TelefoonFaults.client("Onbekende sessie: meld opnieuw aan met AllegroLogin");
        }
        Session session = sessions.get(0);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (session.lastUsedAt().plus(endsAfterRecordedUse).isBefore(now)) {
            jdbc.update("DELETE FROM bus.telefoon_session WHERE session_guid = ?", sessionGuid.trim());
            throw TelefoonFaults.client("Sessie verlopen na " + idleTimeout.toMinutes()
                    + " minuten zonder gebruik: meld opnieuw aan met AllegroLogin");
        }
        if (session.lastUsedAt().plus(useGrain).isBefore(now)) {
            jdbc.update("UPDATE bus.telefoon_session SET last_used_at = ? WHERE session_guid = ?", now, sessionGuid.trim());
        }
        return session.relatiecode();
    }

    /** Refuses a login with a SOAP fault while the relatiecode or the address has too many recent failures. */
    public void refuseWhileThrottled(int relatiecode, String clientAddress) {
        OffsetDateTime since = OffsetDateTime.now(clock).minus(failureWindow);
        Integer perRelatie = jdbc.queryForObject("SELECT count(*) FROM bus.telefoon_login_failure "
                + "WHERE relatiecode = ? AND failed_at > ?", Integer.class, relatiecode, since);
        Integer perAddress = jdbc.queryForObject("SELECT count(*) FROM bus.telefoon_login_failure "
                + "WHERE client_address = ? AND failed_at > ?", Integer.class, clientAddress, since);
        if (perRelatie >= maxFailuresPerRelatie || perAddress >= maxFailuresPerAddress) {
            throw TelefoonFaults.client("Te veel mislukte aanmeldpogingen: probeer het over "
                    + failureWindow.toMinutes() + " minuten opnieuw");
        }
    }

    public void recordFailure(int relatiecode, String clientAddress) {
        jdbc.update("INSERT INTO bus.telefoon_login_failure (relatiecode, client_address, failed_at) VALUES (?, ?, ?)",
                relatiecode, clientAddress, OffsetDateTime.now(clock));
    }

    /**
     * Deletes the sessions that ended longer than kept-after-expiry ago and the failed logins older than
     * the failure window, which no longer count; answers how many rows went.
     */
    public int sweep() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ChunkedDelete.rows(jdbc, "bus.telefoon_session", "session_guid", "last_used_at < ?",
                now.minus(endsAfterRecordedUse).minus(keptAfterExpiry))
                + ChunkedDelete.rows(jdbc, "bus.telefoon_login_failure", "id", "failed_at < ?", now.minus(failureWindow));
    }

    private record Session(int relatiecode, OffsetDateTime lastUsedAt) {
    }
}
