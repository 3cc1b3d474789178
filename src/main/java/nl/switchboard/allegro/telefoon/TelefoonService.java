package nl.switchboard.allegro.telefoon;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.switchboard.allegro.AllegroParameters;
import nl.switchboard.allegro.ParameterValues;
import nl.switchboard.allegro.telefoon.ws.AllegroGetVrijOpneembareReserveringenResponse;
import nl.switchboard.allegro.telefoon.ws.AllegroLogin;
import nl.switchboard.allegro.telefoon.ws.AllegroLoginResponse;
import nl.switchboard.allegro.telefoon.ws.AllegroTelefoonGetKlantResponse;
import nl.switchboard.allegro.telefoon.ws.TKlantReservering;
import nl.switchboard.allegro.telefoon.ws.TKlantReserveringArray;
import nl.switchboard.allegro.telefoon.ws.TUserInfo;
import nl.switchboard.ops.SharedSecret;

/**
 * The reading operations of the Allegro TelefoonService (seed 000 §2.2-2.4). The routes in
 * routes/allegro-telefoon.camel.yaml call these, one route per operation.
 */
@Component
public class TelefoonService {

    /** Exchange property with the parameters a request of the service reads, read once when it came in. */
    public static final String PARAMETERS = "AllegroParameters";
    private static final int[] SERVICE_PARAMETERS = {AllegroParameters.MODULE_TELEFOON, AllegroParameters.AANMELDCODE,
            AllegroParameters.WACHTWOORD, AllegroParameters.VRIJ_OPNEEMBARE_RESERVERINGEN};

    private final AllegroParameters parameters;
    private final RelatieReader relaties;
    private final KlantReader klanten;
    private final TelefoonSessions sessions;
    private final JdbcTemplate jdbc;

    public TelefoonService(AllegroParameters parameters, RelatieReader relaties, KlantReader klanten,
                           TelefoonSessions sessions, JdbcTemplate jdbc) {
        this.parameters = parameters;
        this.relaties = relaties;
        this.klanten = klanten;
        this.sessions = sessions;
        this.jdbc = jdbc;
    }

    /**
     * The service's parameters for one request, read together (one round trip to the database, not one
     * per parameter); parameter 197 says whether the module is licensed: without it every call is refused.
     */
    public ParameterValues requireModule() {
        ParameterValues values = parameters.read(SERVICE_PARAMETERS);
        if (!values.isJa(AllegroParameters.MODULE_TELEFOON)) {
            throw TelefoonFaults.client("De module Koppeling Telefoonapplicatie is niet actief in Allegro (parameter 197)");
        }
        return values;
    }

    /** The login with the seed's check order: aanmeldcode (1001), wachtwoord (1002), relatie (1003, 1004). */
    public LoginResult login(AllegroLogin request, String clientAddress, ParameterValues values) {
        sessions.refuseWhileThrottled(request.getRelatiecode(), clientAddress);
        Optional<AllegroError> error = loginError(request, values);
        if (error.isPresent()) {
            sessions.recordFailure(request.getRelatiecode(), clientAddress);
            return new LoginResult(loginResponse(false, error.get().userInfo()), null);
        }
        String session = sessions.open(request.getRelatiecode(), clientAddress);
        return new LoginResult(loginResponse(true, AllegroError.none()), session);
    }

    public AllegroTelefoonGetKlantResponse getKlant(int relatiecode) {
        AllegroTelefoonGetKlantResponse response = new AllegroTelefoonGetKlantResponse();
        Optional<Relatie> relatie = relaties.find(relatiecode);
        Optional<AllegroError> error = naturalPersonError(relatie);
        response.setUserInfo(error.map(AllegroError::userInfo).orElseGet(AllegroError::none));
        if (error.isEmpty()) {
            response.setReturn(klanten.read(relatie.get()));
        }
        return response;
    }

    public AllegroGetVrijOpneembareReserveringenResponse getVrijOpneembareReserveringen(int relatiecode,
                                                                                       ParameterValues values) {
        AllegroGetVrijOpneembareReserveringenResponse response = new AllegroGetVrijOpneembareReserveringenResponse();
        response.setReturn(new TKlantReserveringArray());
        response.setBetaalwijzeRelatie("");
        response.setBetaalwijzePartner("");
        Optional<Relatie> relatie = relaties.find(relatiecode);
        Optional<AllegroError> error = naturalPersonError(relatie);
        response.setUserInfo(error.map(AllegroError::userInfo).orElseGet(AllegroError::none));
        if (error.isPresent()) {
            return response;
        }
        response.getReturn().getItem().addAll(vrijOpneembareReserveringen(relatiecode, values));
        response.setBetaalwijzeRelatie(relaties.betaalwijze(relatiecode));
        response.setBetaalwijzePartner(relaties.betaalwijze(relatie.get().partnerRelatiecode()));
        return response;
    }

    /** Prs reserveringen (never Inzake) whose number parameter 329 lists. */
    List<TKlantReservering> vrijOpneembareReserveringen(int relatiecode, ParameterValues values) {
        List<Integer> nummers = values.numbers(AllegroParameters.VRIJ_OPNEEMBARE_RESERVERINGEN);
        return jdbc.query("SELECT relatiecode, nummer, omschrijving, saldo FROM allegro.reservering "
                        + "WHERE relatiecode = ? AND soort = 'Prs' ORDER BY nummer",
                (rs, i) -> {
                    TKlantReservering reservering = new TKlantReservering();
                    reservering.setRelatiecode(rs.getInt("relatiecode"));
                    reservering.setNummer(rs.getInt("nummer"));
                    reservering.setOmschrijving(KlantReader.truncate(rs.getString("omschrijving"), 40));
                    reservering.setSaldo(rs.getBigDecimal("saldo"));
                    return reservering;
                }, relatiecode).stream().filter(r -> nummers.contains(r.getNummer())).toList();
    }

    static Optional<AllegroError> naturalPersonError(Optional<Relatie> relatie) {
        if (relatie.isEmpty()) {
            return Optional.of(AllegroError.KLANT_NIET_GEVONDEN);
        }
        if (relatie.get().organisatie()) {
            return Optional.of(AllegroError.RELATIE_IS_ORGANISATIE);
        }
        return Optional.empty();
    }

    private Optional<AllegroError> loginError(AllegroLogin request, ParameterValues values) {
        if (!matches(request.getAanmeldcode(), values.value(AllegroParameters.AANMELDCODE))) {
            return Optional.of(AllegroError.AANMELDCODE_ONJUIST);
        }
        if (!matches(request.getWachtwoord(), values.value(AllegroParameters.WACHTWOORD))) {
            return Optional.of(AllegroError.WACHTWOORD_ONJUIST);
        }
        return naturalPersonError(relaties.find(request.getRelatiecode()));
    }

    private static boolean matches(String given, Optional<String> expected) {
        return SharedSecret.matches(expected.orElse(null), given);
    }

    private static AllegroLoginResponse loginResponse(boolean result, TUserInfo userInfo) {
        AllegroLoginResponse response = new AllegroLoginResponse();
        response.setReturn(result);
        response.setUserInfo(userInfo);
        return response;
    }

    /** The answer of AllegroLogin and, when it succeeded, the session to put in its SOAP header. */
    public record LoginResult(AllegroLoginResponse response, String sessionGuid) {
    }
}
