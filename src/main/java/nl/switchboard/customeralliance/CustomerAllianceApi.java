package nl.switchboard.customeralliance;

import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST (role OPERATOR): run the selection of checked-out guests now instead of waiting for the cron. */
@RestController
public class CustomerAllianceApi {

    private final ProducerTemplate producer;

    public CustomerAllianceApi(ProducerTemplate producer) {
        this.producer = producer;
    }

    @PostMapping("/api/customer-alliance/run")
    public Map<String, Integer> run() {
        Integer queued = producer.requestBody("direct:customer-alliance-select", null, Integer.class);
        return Map.of("queued", queued);
    }
}
