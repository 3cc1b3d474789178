package nl.switchboard.broker;

/** The broker's disk is above its max-disk-usage: it takes no message until space is freed. */
public class BrokerDiskFull extends RuntimeException {

    static final String REASON = "The broker's disk is fuller than its max-disk-usage (broker.xml): it takes no "
            + "messages until space is freed";

    public BrokerDiskFull() {
        super(REASON);
    }
}
