package nl.switchboard.flexfone;

/** A PBX callback the bus refuses, with the HTTP status and the reason it answers in plain text. */
public class CallbackRejected extends RuntimeException {

    private final int status;

    public CallbackRejected(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }
}
