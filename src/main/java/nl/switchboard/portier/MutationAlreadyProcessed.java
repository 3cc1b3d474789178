package nl.switchboard.portier;

/** An operator asked to process a mutation that was processed meanwhile. */
public class MutationAlreadyProcessed extends RuntimeException {

    public MutationAlreadyProcessed(long mutationId) {
        super("Mutatie " + mutationId + " is al verwerkt");
    }
}
