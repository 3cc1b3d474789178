package nl.switchboard.portier;

/**
 * The reservering is locked by another transaction (Allegro itself, or another booking). Transient:
 * the booking rolls back and the broker redelivers after parameter 354 minutes, at most 353 times.
 */
public class ReserveringLocked extends RuntimeException {

    public ReserveringLocked(long mutationId, Throwable cause) {
        super("Reservering van mutatie " + mutationId + " is vergrendeld door een andere transactie", cause);
    }
}
