package nl.switchboard.deadletter;

/** A name that is not one of the broker's dead-letter queues. */
public class UnknownDeadLetterQueue extends RuntimeException {

    public UnknownDeadLetterQueue(String queue) {
        super("No dead-letter queue named '" + queue + "' (dead-letter queues are named " + DeadLetters.PREFIX + "<address>)");
    }
}
