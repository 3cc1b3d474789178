package nl.switchboard.allegro.telefoon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.util.List;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Which faults the log gets in a line of their own, and which CXF logs as it does. */
@ExtendWith(OutputCaptureExtension.class)
class ClientFaultLogTest {

    private final ClientFaultLog log = new ClientFaultLog();

    @Test
    void theCallersFaultIsOneLineCutShort(CapturedOutput output) {
        String value = "9".repeat(2 * ClientFaultLog.MAX_REASON);
        Fault fault = new Fault(new IllegalArgumentException("Unmarshalling Error: '" + value + "' is not a valid value"));
        fault.setFaultCode(Fault.FAULT_CODE_CLIENT);

        assertThat(log.faultOccurred(fault, "'TelefoonService' ", new MessageImpl())).isFalse();

        assertThat(output.getOut()).contains("refused: Unmarshalling Error: '999").doesNotContain(value, "\tat ");
        assertThat(output.getOut().lines().filter(line -> line.contains("refused"))).hasSize(1);
    }

    @Test
    void aReasonQuotingLineBreaksFromTheRequestStaysOnItsLine(CapturedOutput output) {
        Fault fault = new Fault(new IllegalArgumentException("Not a number: 1\n2026-11-25 ERROR forged line\r\n"));
        fault.setFaultCode(Fault.FAULT_CODE_CLIENT);

        log.faultOccurred(fault, "", new MessageImpl());

        assertThat(output.getOut().lines().filter(line -> line.contains("forged line")))
                .singleElement(STRING)
                .contains("refused: Not a number: 1 2026-11-25 ERROR forged line");
    }

    @Test
    void aFaultOfTheCallerInSoapsOwnCodesIsOneLineToo() {
        for (QName sender : List.of(Soap11.getInstance().getSender(), Soap12.getInstance().getSender())) {
            assertThat(log.faultOccurred(new SoapFault("Geen sessie", sender), "", new MessageImpl())).as(sender.toString())
                    .isFalse();
        }
    }

    @Test
    void aFaultOfTheBusKeepsCxfsLoggingWithItsStackTrace(CapturedOutput output) {
        assertThat(log.faultOccurred(TelefoonFaults.unavailable(), "", new MessageImpl())).isTrue();
        assertThat(log.faultOccurred(new IllegalStateException("a bug"), "", new MessageImpl())).isTrue();
        assertThat(output.getOut()).doesNotContain("refused");
    }
}
