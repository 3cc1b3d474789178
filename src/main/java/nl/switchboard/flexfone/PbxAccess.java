package nl.switchboard.flexfone;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.switchboard.ops.SharedSecret;

/**
 * The PBX can only be given a URL, so its callbacks carry a secret token as query parameter
 * ({@code token}); a callback for an account the bus does not serve is refused as well.
 */
@Component
public class PbxAccess {

    private final String token;
    private final List<String> accounts;

    public PbxAccess(@Value("${switchboard.flexfone.callback-token:}") String token,
                     @Value("${switchboard.flexfone.accounts:}") List<String> accounts) {
        this.token = token;
        this.accounts = accounts.stream().map(String::trim).filter(a -> !a.isEmpty()).toList();
    }

    /** Constant-time, and never true while no token is configured. */
    public void requireToken(Object given) {
        if (!SharedSecret.matches(token, given == null ? null : given.toString())) {
            throw new CallbackRejected(403, "Forbidden: missing or wrong token");
        }
    }

    public void requireAccount(String accountId) {
        if (!accounts.contains(accountId)) {
            throw new CallbackRejected(403, "Forbidden: unknown AccountId " + accountId);
        }
    }
}
