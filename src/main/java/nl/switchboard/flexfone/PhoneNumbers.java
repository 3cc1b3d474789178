package nl.switchboard.flexfone;

import org.springframework.stereotype.Component;

/** Compares phone numbers as the PBX sends them (+4512345678, 004512345678, 12345678) by their last 8 digits. */
@Component
public class PhoneNumbers {

    static final int KEY_LENGTH = 8;

    /** The number's key: its last 8 digits, or all its digits when it has fewer; empty for none. */
    public String key(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("\\D", "");
        return digits.length() <= KEY_LENGTH ? digits : digits.substring(digits.length() - KEY_LENGTH);
    }
}
