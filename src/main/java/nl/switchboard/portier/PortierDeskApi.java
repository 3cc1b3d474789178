package nl.switchboard.portier;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.switchboard.canonical.CanonicalEvent;
import nl.switchboard.ops.ApiErrors;

/**
 * REST API of the Portier desk (role PORTIER or OPERATOR): the mutations received and processed, the
 * tasks, and "Verwerken mutaties" of a pending mutation.
 */
@RestController
@RequestMapping("/api/portier")
public class PortierDeskApi {

    private final PortierDeskView view;
    private final PortierBooking booking;
    private final ProducerTemplate producer;

    public PortierDeskApi(PortierDeskView view, PortierBooking booking, ProducerTemplate producer) {
        this.view = view;
        this.booking = booking;
        this.producer = producer;
    }

    /** @param status {@code open} (received, to be processed) or {@code verwerkt} (processed) */
    @GetMapping("/mutaties")
    public List<PortierDeskView.Mutatie> mutaties(@RequestParam(defaultValue = "open") String status) {
        return switch (status) {
            case "open" -> view.mutaties(false);
            case "verwerkt" -> view.mutaties(true);
            default -> throw new IllegalArgumentException("status is open of verwerkt, niet '" + status + "'");
        };
    }

    @GetMapping("/taken")
    public List<PortierDeskView.Taak> taken() {
        return view.taken();
    }

    @PostMapping("/mutaties/{id}/verwerken")
    public Verwerkt verwerken(@PathVariable long id, @RequestBody Verwerking verwerking, Principal operator) {
        if (verwerking.doorvoeren() == null) {
            throw new IllegalArgumentException("geef doorvoeren: true of false");
        }
        CanonicalEvent outcome = booking.processManually(id, verwerking.doorvoeren(), operator.getName());
        producer.sendBody("direct:allegro-withdrawal-outcome", outcome);
        return new Verwerkt(id, outcome.type(), outcome.id());
    }

    public record Verwerking(Boolean doorvoeren) {
    }

    /** The answer of "Verwerken mutaties": the outcome event the desk published. */
    public record Verwerkt(long id, String type, String event) {
    }

    @ExceptionHandler(MutationNotFound.class)
    ResponseEntity<Map<String, String>> notFound(MutationNotFound e) {
        return ApiErrors.error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({MutationAlreadyProcessed.class, ReserveringLocked.class})
    ResponseEntity<Map<String, String>> conflict(RuntimeException e) {
        return ApiErrors.error(HttpStatus.CONFLICT, e.getMessage());
    }
}
