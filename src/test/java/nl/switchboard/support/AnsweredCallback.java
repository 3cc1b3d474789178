package nl.switchboard.support;

/** The PBX's Medarbejderintegration callback for a call the demo employee 201 answered, as the tests send it. */
public final class AnsweredCallback {

    private AnsweredCallback() {
    }

    /** The path and query of the callback for one call (its UniqueCallId). */
    public static String path(String uniqueCallId) {
        return "/flexfone/employee/answered?token=demo-token&AccountId=4711&UniqueCallId=" + uniqueCallId
                + "&EmployeeLocalNumber=201&ANumber=86515151&TimeStamp=2026-11-23%2009:30:00";
    }
}
