package nl.switchboard.ops;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Hands the secret values of the configuration to {@link SecretMasking}, so a key or PIN is masked
 * in the log even where nothing marks it as one (the Customer Alliance access key is a URL segment).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConfiguredSecrets {

    /** Every property that holds a secret. */
    static final List<String> PROPERTIES = List.of(
            "spring.artemis.password",
            "spring.datasource.password",
            "switchboard.flexfone.callback-token",
            "switchboard.flexfone.api.hash",
            "switchboard.flexfone.api.myfone-password",
            "switchboard.belfabriek.account-pin",
            "switchboard.belfabriek.poller.account-pin",
            "switchboard.customeralliance.access-key");

    public ConfiguredSecrets(Environment environment, SecurityUsers users) {
        Set<String> values = new HashSet<>();
        PROPERTIES.forEach(property -> values.add(environment.getProperty(property)));
        for (SecurityUsers.User user : users.users()) {
            String password = user.password();
            values.add(password);
            // {noop}secret: the secret itself too
            if (password != null && password.startsWith("{") && password.indexOf('}') > 0) {
                values.add(password.substring(password.indexOf('}') + 1));
            }
        }
        SecretMasking.addKnownSecrets(values);
    }
}
