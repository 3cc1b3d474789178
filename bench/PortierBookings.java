import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * bench/p3: withdrawals booked per second by the bus's Portier route against plain JDBC doing the same
 * reads and writes in one transaction per withdrawal, with as many threads as the route has consumers.
 * Both book Portier mutations written as the TelefoonService writes them, spread over the demo's
 * bookable reserveringen. The bus gets its mutations as allegro.withdrawal.requested on
 * portier.mutations, sent here in one transaction; its rate runs from their commit (all are on the queue,
 * none delivered yet) to the last booking.
 * Six rounds, each bus then JDBC; the first three warm both up (the bus gains from round to round until
 * the fourth or fifth), the last three together are the result.
 * Arguments: JDBC URL, broker URL, broker user, password, withdrawals, consumers.
 * Prints "bus <rate>" and "jdbc <rate>" in bookings per second.
 */
public class PortierBookings {

    private static final BigDecimal AMOUNT = new BigDecimal("1.00");
    private static final int ROUNDS = 6;
    private static final int MEASURED = 3;

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        int count = Integer.parseInt(args[4]);
        int consumers = Integer.parseInt(args[5]);
        List<int[]> reserveringen = bookableReserveringen(jdbcUrl);

        // the first rounds warm both up (JIT, pools, caches); the last three are measured together, as one
        // round of a few seconds moves by a tenth from run to run
        double busSeconds = 0;
        double jdbcSeconds = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            List<Long> forBus = writeMutations(jdbcUrl, reserveringen, count);
            sendRequests(args[1], args[2], args[3], forBus);
            long started = System.nanoTime();
            awaitProcessed(jdbcUrl, forBus);
            double bus = seconds(started);

            List<Long> forJdbc = writeMutations(jdbcUrl, reserveringen, count);
            started = System.nanoTime();
            bookWithPlainJdbc(jdbcUrl, forJdbc, consumers);
            double jdbc = seconds(started);
            System.err.printf("round %d: bus %.1f, jdbc %.1f bookings/s%n", round, count / bus, count / jdbc);
            if (round > ROUNDS - MEASURED) {
                busSeconds += bus;
                jdbcSeconds += jdbc;
            }
        }
        System.out.printf("bus %.1f%njdbc %.1f%n", MEASURED * count / busSeconds, MEASURED * count / jdbcSeconds);
    }

    /** Reserveringen of relaties whose payment method the Portier books to, topped up for the run. */
    private static List<int[]> bookableReserveringen(String url) throws SQLException {
        List<int[]> found = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url)) {
            try (PreparedStatement bookable = prepare(db, """
                    SELECT r.relatiecode, r.nummer FROM allegro.reservering r
                      JOIN allegro.betaalwijze b ON b.relatiecode = r.relatiecode
                     WHERE r.soort = 'Prs' AND NOT b.geblokkeerd
                       AND b.soort IN ('Rekening', 'Prepaid Debit Card', 'BNG Prepaid Kaart')""");
                 ResultSet rs = bookable.executeQuery()) {
                while (rs.next()) {
                    found.add(new int[] {rs.getInt(1), rs.getInt(2)});
                }
            }
            update(db, "UPDATE allegro.reservering SET saldo = 1000000 WHERE soort = 'Prs'");
            update(db, "UPDATE allegro.parameter SET waarde = 'Ja' WHERE nummer = 392");
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no bookable reservering in the demo data");
        }
        return found;
    }

    /** Mutation rows as AllegroOpnameReservering writes them, marked sent so the sweeper leaves them. */
    private static List<Long> writeMutations(String url, List<int[]> reserveringen, int count) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url);
             PreparedStatement insert = db.prepareStatement("""
                     INSERT INTO allegro.portier_mutatie (soort_koppeling, soort_mutatie, datum, tijdstip, relatiecode,
                         oude_waarde, nieuwe_waarde, reservering_nummer, bedrag, welke_rekening, aangemaakt_op,
                         event_id, verzonden_op, aanvraag_sleutel)
                     VALUES ('Telefoon', 'Opname reservering eigen rekening', ?, ?, ?, 'bench', 'bench', ?, ?, 'Relatie',
                         ?, ?, ?, ?)""", new String[] {"id"})) {
            for (int i = 0; i < count; i++) {
                int[] reservering = reserveringen.get(i % reserveringen.size());
                OffsetDateTime now = OffsetDateTime.now();
                insert.setObject(1, LocalDate.now());
                insert.setObject(2, LocalTime.now().withNano(0));
                insert.setInt(3, reservering[0]);
                insert.setInt(4, reservering[1]);
                insert.setBigDecimal(5, AMOUNT);
                insert.setObject(6, now);
                insert.setString(7, UUID.randomUUID().toString());
                insert.setObject(8, now);
                insert.setString(9, "bench-" + UUID.randomUUID());
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    ids.add(key.getLong(1));
                }
            }
        }
        return ids;
    }

    private static void sendRequests(String brokerUrl, String user, String password, List<Long> mutations) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
             JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = context.createQueue("portier.mutations");
            for (long id : mutations) {
                String eventId = UUID.randomUUID().toString();
                context.createProducer().setProperty("ce_id", eventId).send(queue, """
                        {"specversion":"1.0","id":"%s","source":"/allegro/telefoon","type":"allegro.withdrawal.requested",\
                        "time":"%s","subject":"bench","datacontenttype":"application/json","data":{"mutationId":%d}}"""
                        .formatted(eventId, OffsetDateTime.now(), id));
            }
            context.commit();
        }
    }

    private static void awaitProcessed(String url, List<Long> mutations) throws Exception {
        try (Connection db = DriverManager.getConnection(url);
             PreparedStatement processed = db.prepareStatement("SELECT count(*), count(*) FILTER (WHERE doorgevoerd) "
                     + "FROM allegro.portier_mutatie WHERE id BETWEEN ? AND ? AND doorgevoerd IS NOT NULL")) {
            processed.setLong(1, mutations.get(0));
            processed.setLong(2, mutations.get(mutations.size() - 1));
            while (true) {
                try (ResultSet rs = processed.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == mutations.size()) {
                        if (rs.getInt(2) != mutations.size()) {
                            throw new IllegalStateException((mutations.size() - rs.getInt(2)) + " withdrawals were refused");
                        }
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
    }

    /** What PortierBooking.processAutomatically reads and writes for a withdrawal it books, in plain JDBC. */
    private static void bookWithPlainJdbc(String url, List<Long> mutations, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection db = DriverManager.getConnection(url)) {
                    db.setAutoCommit(false);
                    for (int i = next.getAndIncrement(); i < mutations.size(); i = next.getAndIncrement()) {
                        book(db, mutations.get(i));
                        db.commit();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private static void book(Connection db, long mutationId) throws SQLException {
        int relatiecode;
        int reservering;
        try (PreparedStatement lock = db.prepareStatement("SELECT relatiecode, reservering_nummer, bedrag, welke_rekening, "
                + "aangemaakt_op, doorgevoerd, reden FROM allegro.portier_mutatie WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, mutationId);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                relatiecode = rs.getInt(1);
                reservering = rs.getInt(2);
            }
        }
        update(db, "SET LOCAL lock_timeout = '5s'");
        query(db, "SELECT saldo FROM allegro.reservering WHERE relatiecode = ? AND soort = 'Prs' AND nummer = ? FOR UPDATE",
                relatiecode, reservering);
        query(db, "SELECT soort, iban, bban, geblokkeerd FROM allegro.betaalwijze WHERE relatiecode = ?", relatiecode);
        String omschrijving = "Opnameverzoek via telefoon " + LocalDate.now();
        update(db, "INSERT INTO allegro.prs_mutatie (portier_mutatie_id, relatiecode, reservering_nummer, soort, bedrag, "
                + "omschrijving, tegenrekening, boekdatum) VALUES (?, ?, ?, 'Bij', ?, ?, NULL, ?)",
                mutationId, relatiecode, reservering, AMOUNT, omschrijving, LocalDate.now());
        update(db, "INSERT INTO allegro.prs_mutatie (portier_mutatie_id, relatiecode, reservering_nummer, soort, bedrag, "
                + "omschrijving, tegenrekening, boekdatum) VALUES (?, ?, ?, 'Af', ?, ?, 'NL00BENCH', ?)",
                mutationId, relatiecode, reservering, AMOUNT, omschrijving, LocalDate.now());
        update(db, "INSERT INTO allegro.grootboek_mutatie (portier_mutatie_id, debet_rekening, credit_rekening, bedrag, "
                + "omschrijving, boekdatum) VALUES (?, 'Reserveringen', 'Crediteuren', ?, ?, ?)",
                mutationId, AMOUNT, omschrijving, LocalDate.now());
        update(db, "INSERT INTO allegro.betaalpost (portier_mutatie_id, begunstigde_relatiecode, betaalwijze, bedrag, "
                + "omschrijving, status, aangemaakt_op) VALUES (?, ?, 'NL00BENCH', ?, ?, 'Open', ?)",
                mutationId, relatiecode, AMOUNT, omschrijving, OffsetDateTime.now());
        update(db, "UPDATE allegro.reservering SET saldo = saldo - ? WHERE relatiecode = ? AND soort = 'Prs' AND nummer = ?",
                AMOUNT, relatiecode, reservering);
        update(db, "UPDATE allegro.portier_mutatie SET doorgevoerd = TRUE, reden = NULL, uitvoering_automatisch = TRUE, "
                + "medewerker_uitvoering = 'PORTIER', datum_uitvoering = ?, tijdstip_uitvoering = ? WHERE id = ?",
                LocalDate.now(), LocalTime.now().withNano(0), mutationId);
        update(db, "UPDATE allegro.portier_mutatie SET pogingen = 1 WHERE id = ?", mutationId);
        query(db, "SELECT id FROM allegro.taak WHERE portier_mutatie_id = ?", mutationId);
    }

    private static void query(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, values); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    private static void update(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, values)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... values) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
