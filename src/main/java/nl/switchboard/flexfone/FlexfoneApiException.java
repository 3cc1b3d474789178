package nl.switchboard.flexfone;

/** A call to the Flexfone or MyFone API that did not succeed. Its message never contains credentials. */
public class FlexfoneApiException extends RuntimeException {

    public FlexfoneApiException(String message) {
        super(message);
    }

    public FlexfoneApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
