package nl.switchboard.logocrm;

/**
 * Logo CRM refused the bus (401, or a redirect to its login page): a configuration error that no retry
 * mends. The message says how to fix it (seed 003, "İzin ve Yetkilendirme").
 */
public class LogoCrmUnauthorized extends RuntimeException {

    public LogoCrmUnauthorized(int status) {
        super("Logo CRM answered " + status + " (unauthorized) to IPS_callAnswered: allow the PBX integration in Logo CRM's "
                + "web.config with <location path=\"Default.aspx\"><system.web><authorization><allow users=\"*\" />"
                + "</authorization></system.web></location> and restart IIS; then replay this message");
    }
}
