package nl.switchboard.customeralliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One guest in the JSON array of the Customer Alliance push API, from the data of a
 * {@code guest.checkedout} event: gender ("m"/"f"), first_name, name, language, id, email, arrival_date,
 * departure_date (YYYY-MM-DD), reservation_id, cancelled, and room_number, room_category, phone_number
 * when known.
 */
final class CustomerAllianceGuest {

    private CustomerAllianceGuest() {
    }

    static ObjectNode of(JsonNode guest, ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        optional(json, "gender", guest.path("gender"));
        json.put("first_name", guest.path("firstName").asText(""));
        json.put("name", guest.path("name").asText());
        optional(json, "language", guest.path("language"));
        json.put("id", guest.path("guestId").asText());
        json.put("email", guest.path("email").asText());
        json.put("arrival_date", guest.path("arrival").asText());
        json.put("departure_date", guest.path("departure").asText());
        json.put("reservation_id", guest.path("bookingNumber").asText());
        json.put("cancelled", "cancelled".equalsIgnoreCase(guest.path("status").asText()));
        optional(json, "room_number", guest.path("roomNumber"));
        optional(json, "room_category", guest.path("roomCategory"));
        optional(json, "phone_number", guest.path("phone"));
        return json;
    }

    private static void optional(ObjectNode json, String field, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull() && !value.asText().isBlank()) {
            json.put(field, value.asText());
        }
    }
}
