package nl.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import nl.switchboard.support.BusTest;
import nl.switchboard.support.FakeCustomerAlliance;
import nl.switchboard.support.FakeFlexfone;

/** Log lines carrying a password, a hash, an access key or a PIN reach the log masked, as configured for the bus. */
@ExtendWith(OutputCaptureExtension.class)
class SecretMaskingTest extends BusTest {

    private static final Logger LOG = LoggerFactory.getLogger(SecretMaskingTest.class);

    @Test
    void secretsAreMaskedInMessagesAndExceptions(CapturedOutput output) {
        LOG.info("login password=Geheim123! for ivr");
        LOG.info("Flexfone GET https://public.sippeer.dk/api/GetEmployees?account=1234&hash={}", FakeFlexfone.HASH);
        LOG.info("{\"accessKey\": \"{}\"}", "k-e-y-9f8e7d");
        LOG.info("POST {}/api/{}/{}", "https://api.customer-alliance.com", FakeCustomerAlliance.ACCESS_KEY,
                FakeCustomerAlliance.REVIEW_SUBJECT);
        LOG.info("<tel:AllegroLogin><tel:Wachtwoord>demo-wachtwoord</tel:Wachtwoord></tel:AllegroLogin>");
        LOG.info("<member><name>accountPin</name><value><string>5647382</string></value></member>");
        LOG.info("pbx sent pin=918273 and Access-Key: abcdef0123");
        LOG.warn("push failed", new IllegalStateException("refused https://x/api/" + FakeCustomerAlliance.ACCESS_KEY + "/1 password=hunter22"));

        assertThat(output.getOut()).doesNotContain("Geheim123!", FakeFlexfone.HASH, "k-e-y-9f8e7d",
                FakeCustomerAlliance.ACCESS_KEY, "demo-wachtwoord", "5647382", "918273", "abcdef0123", "hunter22");
        assertThat(output.getOut()).contains("password=****", "hash=****", "\"accessKey\": \"****\"",
                "https://api.customer-alliance.com/api/****/" + FakeCustomerAlliance.REVIEW_SUBJECT,
                "<tel:Wachtwoord>****</tel:Wachtwoord>", "<name>accountPin</name><value><string>****</string>",
                "pin=****", "Access-Key: ****", "java.lang.IllegalStateException: refused https://x/api/****/1");
    }
}
