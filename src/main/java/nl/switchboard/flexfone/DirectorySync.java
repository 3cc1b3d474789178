package nl.switchboard.flexfone;

import java.time.Clock;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replaces the PBX directory with the Flexfone employee list, in one transaction: lookups during the
 * sync see the old directory or the new one, never half of it.
 */
@Component
public class DirectorySync {

    private static final Logger LOG = LoggerFactory.getLogger(DirectorySync.class);

    private final JdbcTemplate jdbc;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    public DirectorySync(JdbcTemplate jdbc, PhoneNumbers phoneNumbers, Clock clock) {
        this.jdbc = jdbc;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    @Transactional
    public int replace(JsonNode employees) {
        if (!employees.isArray()) {
            throw new FlexfoneApiException("employee answered no list");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.update("DELETE FROM bus.directory_phone");
        jdbc.update("DELETE FROM bus.directory_device");
        jdbc.update("DELETE FROM bus.directory");
        for (JsonNode employee : employees) {
            String localnumber = employee.path("Localnumber").asText();
            jdbc.update("INSERT INTO bus.directory (localnumber, name, email, department, description, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)", localnumber, employee.path("Name").asText(),
                    blankToNull(employee.path("Email").asText()), blankToNull(department(employee)),
                    blankToNull(employee.path("Description").asText()), now);
            for (JsonNode phone : employee.path("Phonenumber")) {
                String number = phone.path("Number").asText();
                if (!phoneNumbers.key(number).isEmpty()) {
                    jdbc.update("INSERT INTO bus.directory_phone (localnumber, number, number_key, kind) VALUES (?, ?, ?, ?) "
                                    + "ON CONFLICT DO NOTHING", localnumber, number, phoneNumbers.key(number),
                            blankToNull(phone.path("LineName").asText()) == null ? "number" : phone.path("LineName").asText());
                }
            }
            for (JsonNode device : employee.path("Phones")) {
                jdbc.update("INSERT INTO bus.directory_device (localnumber, device_localnumber, name, type) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT DO NOTHING", localnumber, device.path("LocalNumber").asText(),
                        blankToNull(device.path("Name").asText()), device.path("Type").isNumber() ? device.path("Type").asInt() : null);
            }
        }
        LOG.info("Directory replaced by {} employee(s) from the Flexfone API", employees.size());
        return employees.size();
    }

    /** Department is a list in the API; the directory keeps the first one's name. */
    private static String department(JsonNode employee) {
        JsonNode department = employee.path("Department");
        return department.isArray() ? department.path(0).path("Name").asText() : department.path("Name").asText();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
