package nl.switchboard.allegro.telefoon;

/** What the TelefoonService needs of an Allegro relatie, read once per call. */
public record Relatie(int relatiecode, boolean organisatie, String zoeknaam, boolean buitenGebruik,
                      Integer partnerRelatiecode, String gemeente, String adresToelichting) {
}
