package nl.switchboard.allegro.telefoon;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;

/** SOAP faults of the TelefoonService: what a caller must fix, never a stack trace. */
final class TelefoonFaults {

    private TelefoonFaults() {
    }

    static SoapFault client(String reason) {
        return new SoapFault(reason, Fault.FAULT_CODE_CLIENT);
    }
}
