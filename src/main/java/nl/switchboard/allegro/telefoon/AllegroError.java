package nl.switchboard.allegro.telefoon;

import nl.switchboard.allegro.telefoon.ws.TUserInfo;

/** The error codes of the TelefoonService, with the seed's texts (seed 000 §2.2-2.5). */
public enum AllegroError {
    AANMELDCODE_ONJUIST(1001, "Aanmeldcode niet juist"),
    WACHTWOORD_ONJUIST(1002, "Wachtwoord niet juist"),
    KLANT_NIET_GEVONDEN(1003, "Klant kan niet gevonden worden (relatiecode komt niet voor in Allegro)"),
    RELATIE_IS_ORGANISATIE(1004, "Relatie is een organisatie"),
    GEEN_VRIJ_OPNEEMBARE_RESERVERING(1005, "Geen vrij opneembare reservering met dit nummer"),
    SALDO_TE_LAAG(1006, "Saldo reservering te laag voor gewenst opnamebedrag"),
    GEEN_PARTNER(1007, "Rekening partner gekozen, maar er is geen partner"),
    BETAALWIJZE_ONJUIST_GEVULD(1008, "Indicatie betaalwijze niet juist gevuld"),
    BETAALWIJZE_NIET_MOGELIJK(1009, "Indicatie betaalwijze niet mogelijk");

    private final int code;
    private final String omschrijving;

    AllegroError(int code, String omschrijving) {
        this.code = code;
        this.omschrijving = omschrijving;
    }

    public int code() {
        return code;
    }

    public TUserInfo userInfo() {
        return userInfo(code, omschrijving);
    }

    /** The UserInfo of an answer without error: ExtraInfo 0 and an empty description. */
    public static TUserInfo none() {
        return userInfo(0, "");
    }

    private static TUserInfo userInfo(int code, String omschrijving) {
        TUserInfo info = new TUserInfo();
        info.setExtraInfo(code);
        info.setExtraInfoOmschrijving(omschrijving);
        return info;
    }
}
