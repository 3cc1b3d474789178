package nl.switchboard.belfabriek;

/**
 * What the bus knows of one agent (extension): presence set by people, status from the calls, and the
 * number the extension currently connects to.
 */
public record AgentStatus(String extension, String presence, String status, String number) {

    /** ivr.getAgentAvail: available unless paused or logged out. */
    public boolean available() {
        return presence.equals("available");
    }

    /** ivr.getAgentAvail's availReason: "pause", "-" (not logged in), "handling" on a call, else "-". */
    public String availReason() {
        return switch (presence) {
            case "paused" -> "pause";
            case "logged-out" -> "-";
            default -> status.equals("idle") ? "-" : "handling";
        };
    }
}
