package nl.switchboard.portier;

/** No Portier mutation with this id. */
public class MutationNotFound extends IllegalStateException {

    public MutationNotFound(long mutationId) {
        super("Portier-mutatie " + mutationId + " bestaat niet");
    }
}
