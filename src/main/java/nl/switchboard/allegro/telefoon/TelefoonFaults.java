package nl.switchboard.allegro.telefoon;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;

/** SOAP faults of the TelefoonService: what a caller must fix, or that it may try again; never a stack trace. */
public final class TelefoonFaults {

    private TelefoonFaults() {
    }

    static SoapFault client(String reason) {
        return new SoapFault(reason, Fault.FAULT_CODE_CLIENT);
    }

    /** soap:Server: what the operation needs (the database) cannot be reached; the caller may try again. */
    public static SoapFault unavailable() {
        return new SoapFault("Allegro is nu niet bereikbaar; probeer het later opnieuw", Fault.FAULT_CODE_SERVER);
    }
}
