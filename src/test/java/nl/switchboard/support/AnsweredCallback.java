package nl.switchboard.support;

/** The PBX's Medarbejderintegration callback for an answered call (by demo employee 201 unless said), as the tests send it. */
public final class AnsweredCallback {

    private AnsweredCallback() {
    }

    /** The path and query of the callback for one call (its UniqueCallId). */
    public static String path(String uniqueCallId) {
        return path(uniqueCallId, "201");
    }

    /** The same, answered by the employee with this local number. */
    public static String path(String uniqueCallId, String employee) {
        return "/flexfone/employee/answered?token=demo-token&AccountId=4711&UniqueCallId=" + uniqueCallId
                + "&EmployeeLocalNumber=" + employee + "&ANumber=86515151&TimeStamp=2026-11-23%2009:30:00";
    }
}
