package nl.switchboard.allegro.telefoon;

import java.util.Objects;

import javax.xml.namespace.QName;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.message.Message;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a SOAP request refused as the caller's error (faultcode Client: not XML, against the schema, no
 * session) in one line without a stack trace. CXF logs a request its own interceptors refuse at WARN with
 * a stack trace of some hundred lines, so one IVR sending a malformed request, or anyone posting junk,
 * could fill the log; the caller has its fault, and the line says which operation and which address.
 * Faults of the bus itself keep CXF's logging, stack trace and all.
 */
final class ClientFaultLog implements FaultListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientFaultLog.class);
    /** A fault's text can quote the request (a value against its schema type); the log gets this much. */
    static final int MAX_REASON = 300;

    @Override
    public boolean faultOccurred(Exception exception, String description, Message message) {
        if (!(exception instanceof Fault fault) || !isTheCallers(fault.getFaultCode())) {
            return true;
        }
        // one line: the reason may quote the request, which must not start log lines of its own
        String reason = String.valueOf(fault.getMessage()).replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        LOG.info("SOAP request to {} from {} refused: {}", operation(message), SessionHeader.clientAddress(message),
                reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason);
        return false;
    }

    /** CXF's own code for the caller's errors, or SOAP 1.1's Client and 1.2's Sender. */
    private static boolean isTheCallers(QName code) {
        return code != null && (code.equals(Fault.FAULT_CODE_CLIENT) || code.getLocalPart().equals("Client")
                || code.getLocalPart().equals("Sender"));
    }

    private static String operation(Message message) {
        BindingOperationInfo operation = message.getExchange() == null ? null
                : message.getExchange().getBindingOperationInfo();
        return operation == null ? Objects.toString(message.get(Message.REQUEST_URI), "the TelefoonService")
                : operation.getName().getLocalPart();
    }
}
