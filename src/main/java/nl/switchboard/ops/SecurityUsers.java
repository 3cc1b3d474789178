package nl.switchboard.ops;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The people and systems that may use the bus's own HTTP endpoints, from configuration or the
 * environment (SWITCHBOARD_SECURITY_USERS_0_NAME, ..._PASSWORD, ..._ROLES). Passwords are stored
 * encoded ({bcrypt}...); the demo profile's {noop} passwords are for the demo only.
 */
@ConfigurationProperties("switchboard.security")
public record SecurityUsers(List<User> users) {

    public SecurityUsers {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** @param roles OPERATOR (everything) and/or PORTIER (the Portier desk) */
    public record User(String name, String password, List<String> roles) {

        @Override
        public String toString() {
            return "User[name=" + name + ", roles=" + roles + "]";
        }
    }
}
