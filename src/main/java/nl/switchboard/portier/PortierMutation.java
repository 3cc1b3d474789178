package nl.switchboard.portier;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A Portier mutation 'Opname reservering eigen rekening' as the booking reads it. */
record PortierMutation(long id, int relatiecode, int reserveringNummer, BigDecimal bedrag, String welkeRekening,
                       OffsetDateTime aangemaaktOp, Boolean doorgevoerd, String reden) {

    boolean processed() {
        return doorgevoerd != null;
    }

    /** The mutation as markProcessed left it. */
    PortierMutation processedAs(boolean carriedOut, String reason) {
        return new PortierMutation(id, relatiecode, reserveringNummer, bedrag, welkeRekening, aangemaaktOp, carriedOut, reason);
    }

    boolean toPartner() {
        return "Partner".equals(welkeRekening);
    }
}
